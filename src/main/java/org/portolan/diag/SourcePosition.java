package org.portolan.diag;

/** A place in a user's file: 1-based line and column; {@code line == 0} means "the whole file". */
public record SourcePosition(String file, int line, int column) {
  public SourcePosition {
    if (file == null || file.isBlank()) throw new IllegalArgumentException("file must be named");
    if (line < 0 || column < 0) throw new IllegalArgumentException("line and column must be >= 0");
  }

  public static SourcePosition of(String file) {
    return new SourcePosition(file, 0, 0);
  }

  public SourcePosition atColumnOffset(int offset) {
    return line == 0 ? this : new SourcePosition(file, line, column + offset);
  }

  @Override
  public String toString() {
    if (line == 0) return file;
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
