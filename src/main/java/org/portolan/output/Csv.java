package org.portolan.output;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV cells that a spreadsheet opens as text, never as a formula (CWE-1236, "CSV injection").
 * Excel, LibreOffice and Google Sheets evaluate a cell that starts with {@code = + - @}, and
 * some also one that starts with a tab or carriage return; OWASP's advice, followed here, is
 * to prefix such a cell with an apostrophe, which the spreadsheet shows as text and hides.
 * Every CSV Portolan writes for people passes its cells through {@link #neutralise}.
 */
public final class Csv {
  private Csv() {}

  /** {@code value} with a leading apostrophe when a spreadsheet would read it as a formula. */
  public static String neutralise(String value) {
    if (value == null || value.isEmpty()) return value == null ? "" : value;
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
      default -> value;
    };
  }

  /** Every cell neutralised, for rows handed to a CSV library (Jackson) that does the quoting. */
  public static List<String> neutralised(List<String> cells) {
    return cells.stream().map(Csv::neutralise).toList();
  }

  /** One cell: neutralised, then quoted as RFC 4180 says when it holds a comma, quote or line end. */
  public static String cell(String value) {
    String v = neutralise(value);
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) return "\"" + v.replace("\"", "\"\"") + "\"";
    return v;
  }

  /** One row of cells joined by commas, without the line end. */
  public static String row(List<String> cells) {
    return cells.stream().map(Csv::cell).collect(Collectors.joining(","));
  }

  public static String row(String... cells) {
    return row(List.of(cells));
  }
}
