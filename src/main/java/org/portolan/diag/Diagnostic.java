package org.portolan.diag;

/** One problem found in user input, with where it is and what was expected. */
public record Diagnostic(Severity severity, SourcePosition position, String message) {
  public Diagnostic {
    if (severity == null || position == null || message == null || message.isBlank()) {
      throw new IllegalArgumentException("a diagnostic needs a severity, a position and a message");
    }
  }

  public static Diagnostic error(SourcePosition at, String message) {
    return new Diagnostic(Severity.ERROR, at, message);
  }

  public static Diagnostic warning(SourcePosition at, String message) {
    return new Diagnostic(Severity.WARNING, at, message);
  }

  /** {@code file:line:column: error: message}, the form editors and CI logs link to. */
  public String render() {
    return position + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
