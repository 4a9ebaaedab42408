package org.portolan.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects problems instead of throwing at the first one, so a user sees every mistake in a
 * file at once. Only the edges (CLI, server) turn errors into an exception or an exit code.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();
  private int errorCount;

  public void add(Diagnostic d) {
    items.add(d);
    if (d.severity() == Severity.ERROR) errorCount++;
  }

  public void error(SourcePosition at, String message) {
    add(Diagnostic.error(at, message));
  }

  public void warning(SourcePosition at, String message) {
    add(Diagnostic.warning(at, message));
  }

  public void addAll(Diagnostics other) {
    other.items.forEach(this::add);
  }

  public boolean hasErrors() {
    return errorCount > 0;
  }

  /** How many errors so far: cheap, for parsers that check per record whether a record added any. */
  public int errorCount() {
    return errorCount;
  }

  public List<Diagnostic> all() {
    return List.copyOf(items);
  }

  public List<Diagnostic> errors() {
    return items.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  public List<Diagnostic> warnings() {
    return items.stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  /** Throws {@link InvalidInputException} carrying every diagnostic when any is an error. */
  public void throwIfErrors() {
    if (hasErrors()) throw new InvalidInputException(all());
  }
}
