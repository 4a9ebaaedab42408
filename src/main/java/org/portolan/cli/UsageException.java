package org.portolan.cli;

/** The command line is wrong in a way picocli cannot see (e.g. two exclusive inputs). Exit 2. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
