package org.portolan.compile;

import java.nio.charset.StandardCharsets;

/** One file a dialect writes: a name (no directories) and its bytes. */
public record Output(String fileName, byte[] content) {
  public Output {
    if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) throw new IllegalArgumentException("bad output file name: " + fileName);
    content = content.clone();
  }

  public static Output text(String fileName, String text) {
    return new Output(fileName, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
