package org.portolan.observe;

import java.util.function.Consumer;

/**
 * Reads one line of a line-oriented log. Stateless after construction, so worker threads can
 * share one. Returns {@code null} when the line was read — it gave records to {@code out}, or
 * none because it is not a flow record (another syslog message, a NODATA record) — or the
 * reason it is malformed (what was expected), which the engine reports with the position.
 */
interface LineParser {
  String parse(String line, long lineNumber, Consumer<LogRecord> out);

  /** True for a line that is the format's header (skipped; a concatenated file may repeat it). */
  default boolean header(String line) {
    return false;
  }
}
