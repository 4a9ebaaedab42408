package org.portolan.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.portolan.attribution.Ip;

/**
 * Azure network watcher flow logs, one JSON document per blob: {@code {"records": [ … ]}}.
 * Read record by record (a blob of an hour stays out of memory); a malformed tuple is reported
 * at the line its record starts on (with that byte offset):
 * <ul>
 *   <li>NSG flow logs ({@code category} NetworkSecurityGroupFlowEvent, version 1 or 2):
 *       {@code properties.flows[].rule} and {@code .flows[].flowTuples} "time,src,dst,sport,dport,
 *       T|U,I|O,A|D[,B|C|E,packets s→d,bytes s→d,packets d→s,bytes d→s]", time in seconds;
 *   <li>VNet flow logs ({@code flowRecords.flows[].aclID}, {@code .flowGroups[].rule}, tuples
 *       "time ms,src,dst,sport,dport,protocol number,I|O,B|C|E|D,encryption,packets…": state D is
 *       a denial, B a begun (allowed) flow.
 * </ul>
 * Continuing and ending tuples (C, E) belong to a flow counted at its begin tuple and are
 * skipped (counted). The device is the NSG or the ACL's resource, the rule its rule name.
 */
final class AzureFlowLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private AzureFlowLog() {}

  static boolean looksLike(String head) {
    String h = head.replaceAll("\\s", "");
    return h.startsWith("{\"records\":[") && (head.contains("flowTuples") || head.contains("NetworkSecurityGroupFlowEvent")
        || head.contains("FlowLogFlowEvent") || head.contains("\"flowRecords\"") || head.contains("\"properties\""));
  }

  static void read(InputStream in, String file, RecordSink sink) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      p.setCodec(JSON);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        sink.malformed(new Malformed(file, line(p), offset(p), "expected an Azure flow log document {\"records\": [ … ]}"));
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (!name.equals("records")) {
          p.skipChildren();
          continue;
        }
        if (t != JsonToken.START_ARRAY) {
          sink.malformed(new Malformed(file, line(p), offset(p), "\"records\" must be an array"));
          return;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          long line = line(p), offset = offset(p);
          JsonNode record = p.readValueAsTree();
          record(record, file, line, offset, sink);
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var loc = e.getLocation();
      sink.malformed(new Malformed(file, loc == null ? 0 : Math.max(0, loc.getLineNr()), loc == null ? -1 : loc.getByteOffset(),
          "malformed JSON: " + e.getOriginalMessage()));
    }
  }

  private static long line(JsonParser p) {
    return Math.max(1, p.currentTokenLocation().getLineNr());
  }

  private static long offset(JsonParser p) {
    return p.currentTokenLocation().getByteOffset();
  }

  private static void record(JsonNode r, String file, long line, long offset, RecordSink sink) {
    JsonNode vnet = r.path("flowRecords").path("flows");
    if (vnet.isArray()) {
      String device = r.path("targetResourceID").asText(r.path("flowLogResourceID").asText(""));
      for (JsonNode acl : vnet) {
        String aclId = acl.path("aclID").asText("");
        for (JsonNode g : acl.path("flowGroups"))
          for (JsonNode t : g.path("flowTuples"))
            tuple(t.asText(""), true, shortName(device.isEmpty() ? aclId : device), g.path("rule").asText(""), file, line, offset, sink);
      }
      return;
    }
    JsonNode flows = r.path("properties").path("flows");
    if (!flows.isArray()) {
      sink.malformed(new Malformed(file, line, offset, "expected properties.flows (NSG flow log) or flowRecords.flows (VNet flow log)"));
      return;
    }
    String nsg = shortName(r.path("resourceId").asText(""));
    for (JsonNode rule : flows)
      for (JsonNode mac : rule.path("flows"))
        for (JsonNode t : mac.path("flowTuples")) tuple(t.asText(""), false, nsg, rule.path("rule").asText(""), file, line, offset, sink);
  }

  /** The last path segment of an Azure resource id (the NSG's or the NIC's name). */
  private static String shortName(String resourceId) {
    int i = resourceId.lastIndexOf('/');
    return i < 0 ? resourceId : resourceId.substring(i + 1);
  }

  private static void tuple(String text, boolean vnet, String device, String rule, String file, long line, long offset, RecordSink sink) {
    String[] f = text.split(",", -1);
    if (f.length < 8) {
      sink.malformed(new Malformed(file, line, offset, "flow tuple needs at least 8 comma-separated fields, found \"" + text + "\""));
      return;
    }
    long time = Fields.number(f[0]);
    long[] a = new long[2], z = new long[2];
    if (time < 0 || !Ip.parse(f[1], 0, f[1].length(), a) || !Ip.parse(f[2], 0, f[2].length(), z)) {
      sink.malformed(new Malformed(file, line, offset, "flow tuple must start time,srcIP,dstIP, found \"" + text + "\""));
      return;
    }
    int sp = Fields.port(f[3], 0, f[3].length()), dp = Fields.port(f[4], 0, f[4].length());
    int proto = vnet ? (int) Fields.number(f[5]) : f[5].equals("T") ? 6 : f[5].equals("U") ? 17 : -1;
    if (sp < 0 || dp < 0 || proto < 0 || proto > 255) {
      sink.malformed(new Malformed(file, line, offset, "flow tuple ports must be 0-65535 and the protocol " + (vnet ? "a number" : "T or U")
          + ", found \"" + text + "\""));
      return;
    }
    Action action;
    String state = vnet ? f[7] : f.length > 8 ? f[8] : "B";
    if (vnet) {
      action = switch (state) {
        case "D" -> Action.DENY;
        case "B" -> Action.ACCEPT;
        default -> null;
      };
    } else {
      action = f[7].equals("A") ? Action.ACCEPT : f[7].equals("D") ? Action.DENY : null;
      if (action == Action.ACCEPT && (state.equals("C") || state.equals("E"))) action = null;
    }
    if (action == null) {
      if (state.equals("C") || state.equals("E")) sink.skipped();
      else sink.malformed(new Malformed(file, line, offset, "flow tuple decision/state must be A|D and B|C|E" + (vnet ? "|D" : "") + ", found \"" + text + "\""));
      return;
    }
    long packets = 0, bytes = 0;
    int pi = vnet ? 9 : 9;
    if (f.length > pi + 1) {
      packets = Math.max(0, Fields.number(f[pi])) + (f.length > pi + 2 ? Math.max(0, Fields.number(f[pi + 2])) : 0);
      bytes = Math.max(0, Fields.number(f[pi + 1])) + (f.length > pi + 3 ? Math.max(0, Fields.number(f[pi + 3])) : 0);
    }
    long millis = vnet ? time : Instant.ofEpochSecond(time).toEpochMilli();
    sink.record(new LogRecord(millis, millis, a[0], a[1], z[0], z[1], proto, sp, dp, action, 1, packets, bytes, device, rule, line));
  }
}
