package org.portolan.verify;

import org.portolan.ingest.acl.LineSource;

/**
 * Why a verdict is undetermined: the line whose condition (or action) is not modelled or
 * not in the dump, the construct, and what each reading of it gives ({@code hint}: never the
 * verdict).
 */
public record Doubt(LineSource line, String construct, String hint, boolean unknownAction) {
  public Doubt {
    if (line == null || construct == null || construct.isBlank() || hint == null) throw new IllegalArgumentException("a doubt names a line, a construct and a hint");
  }

  public Doubt(LineSource line, String construct, String hint) {
    this(line, construct, hint, false);
  }
}
