package org.portolan.diag;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at the edge when user input is wrong; carries every diagnostic found. */
public final class InvalidInputException extends RuntimeException {
  private final List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public InvalidInputException(SourcePosition at, String message) {
    this(List.of(Diagnostic.error(at, message)));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
