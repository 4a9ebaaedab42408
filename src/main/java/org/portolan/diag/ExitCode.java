package org.portolan.diag;

/** Exit codes shared by every command. */
public final class ExitCode {
  /** Everything required holds (or the command simply succeeded). */
  public static final int OK = 0;
  /** The command ran and found problems: blocked flows, closed ports, failed attempts. */
  public static final int FINDINGS = 1;
  /** The command line itself is wrong: unknown option, missing argument. */
  public static final int USAGE = 2;
  /** An input file is wrong: syntax, schema, unknown names, out-of-range values. */
  public static final int INVALID_INPUT = 3;
  /** The environment failed: I/O error, missing tool, no permission. */
  public static final int RUNTIME = 4;

  private ExitCode() {}
}
