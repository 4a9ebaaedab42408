package org.portolan.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.portolan.attribution.Ip;

/**
 * Google Cloud VPC Flow Logs and VPC firewall rules logging, as exported from Cloud Logging to
 * files: one LogEntry JSON object per line, the record in {@code jsonPayload}. Both have
 * {@code connection} (src_ip, dest_ip, src_port, dest_port, protocol as a number). Firewall
 * logs say {@code disposition} ALLOWED | DENIED and name the rule
 * ({@code rule_details.reference}, "network:N/firewall:F"); flow logs record traffic without
 * a verdict (unknown), with {@code bytes_sent}, {@code packets_sent}, {@code start_time},
 * {@code end_time}. The device is the reporting VM ({@code src_instance} or
 * {@code dest_instance} per {@code reporter}, or {@code instance} for firewall logs).
 */
final class GcpFlowLog implements LineParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  static boolean looksLike(String line) {
    return line.startsWith("{") && line.contains("\"jsonPayload\"") && line.contains("\"connection\"");
  }

  @Override
  public String parse(String line, long lineNumber, Consumer<LogRecord> out) {
    if (line.isBlank()) return null;
    JsonNode entry;
    try {
      entry = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return "expected one JSON LogEntry per line: " + e.getOriginalMessage();
    }
    if (entry == null || !entry.isObject()) return "expected one JSON LogEntry object per line";
    JsonNode p = entry.path("jsonPayload");
    JsonNode c = p.path("connection");
    if (c.isMissingNode()) return null; // another log
    String src = c.path("src_ip").asText(""), dst = c.path("dest_ip").asText("");
    long[] a = new long[2], z = new long[2];
    if (!Ip.parse(src, 0, src.length(), a)) return "connection.src_ip must be an IP address, found \"" + src + "\"";
    if (!Ip.parse(dst, 0, dst.length(), z)) return "connection.dest_ip must be an IP address, found \"" + dst + "\"";
    JsonNode protoNode = c.path("protocol");
    int proto = protoNode.canConvertToInt() ? protoNode.asInt(-1) : protoNode.isTextual() ? LogRecord.protoNumber(protoNode.asText()) : -1;
    if (proto < 0 || proto > 255) return "connection.protocol must be an IP protocol number, found " + protoNode;
    int sp = port(c.path("src_port")), dp = port(c.path("dest_port"));
    if (sp < 0 || dp < 0) return "connection.src_port and dest_port must be 0-65535";
    long packets = count(p.path("packets_sent")), bytes = count(p.path("bytes_sent"));
    if (packets < 0 || bytes < 0) return "packets_sent and bytes_sent must be numbers";
    long t0, t1;
    try {
      t0 = time(p.path("start_time"), time(entry.path("timestamp"), LogRecord.NO_TIME));
      t1 = time(p.path("end_time"), t0);
    } catch (DateTimeParseException e) {
      return "times must be RFC 3339 (2026-12-01T09:40:58Z): " + e.getParsedString();
    }
    Action action = Action.UNKNOWN;
    String rule = "";
    String disposition = p.path("disposition").asText("");
    if (!disposition.isEmpty()) {
      if (disposition.equals("ALLOWED")) action = Action.ACCEPT;
      else if (disposition.equals("DENIED")) action = Action.DENY;
      else return "disposition must be ALLOWED or DENIED, found " + disposition;
      rule = p.path("rule_details").path("reference").asText("");
    }
    String reporter = p.path("reporter").asText("");
    JsonNode inst = reporter.startsWith("DEST") ? p.path("dest_instance") : reporter.startsWith("SRC") ? p.path("src_instance") : p.path("instance");
    String device = inst.path("vm_name").asText("");
    out.accept(new LogRecord(t0, t1, a[0], a[1], z[0], z[1], proto, sp, dp, action, 1, packets, bytes, device, rule, lineNumber));
    return null;
  }

  private static int port(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return 0;
    long v = n.isNumber() ? n.asLong(-1) : Fields.number(n.asText(""));
    return v < 0 || v > 65535 ? -1 : (int) v;
  }

  private static long count(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return 0;
    return n.isNumber() ? n.asLong(-1) : Fields.number(n.asText("")); // int64 is a JSON string in LogEntry
  }

  private static long time(JsonNode n, long otherwise) {
    if (n.isMissingNode() || n.isNull() || n.asText("").isEmpty()) return otherwise;
    return Instant.parse(n.asText()).toEpochMilli();
  }
}
