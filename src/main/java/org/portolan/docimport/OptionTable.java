package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.SourceDocument.Row;
import org.portolan.docimport.SourceDocument.Table;

/**
 * A table of configuration options ("Name | Value | Description", "Name | Description | Default"):
 * a row whose option names a port ({@code httpServerPort}, {@code dfs.ha.zkfc.port}) or an address
 * ({@code dfs.namenode.http-address} = {@code 0.0.0.0:9870}) becomes a port row; its transport is
 * the one its description names (TCP/UDP, or an HTTP/HTTPS/RPC/TLS server, carried over TCP),
 * else the row keeps no protocol and the ordinary reading leaves it for review. Other options
 * (flags, directories, connection strings) are not ports.
 */
final class OptionTable {
  private OptionTable() {}

  private static final Pattern NAME_HEADER = Pattern.compile("(?:option|property|parameter|setting|key|name|configuration)(?:\\s+names?)?s?");
  private static final Pattern VALUE_HEADER = Pattern.compile("(?:default(?:\\s+values?)?|values?)");
  private static final Pattern DESCRIPTION_HEADER = Pattern.compile("(?:description|meaning|details|notes?|comments?)");
  /** An option naming a port or a listening address: a word "port"/"address" in dotted, dashed, snake or camel case. */
  private static final Pattern PORT_OPTION = Pattern.compile("(?:^|[._\\-\\s]|(?<=[a-z]))(?:[Pp]orts?|[Aa]ddress)(?:$|[._\\-\\s]|(?=[A-Z]))");
  private static final Pattern COUNT_OPTION = Pattern.compile("(?i)ports?[-_.\\s]?(?:range|count|limit|attempts|tries|retries|offset|increment)");
  private static final Pattern NUMBER = Pattern.compile("\\s*(\\d{1,5})\\s*");
  private static final Pattern HOST_PORT = Pattern.compile("\\s*[\\w.\\-]*[\\w\\]]:(\\d{1,5})\\s*");
  /** A value column that gives the setting's type, not its value ("integer", "string", "drop-down menu"): the default is in the description. */
  private static final Pattern TYPE_VALUE = Pattern.compile("(?i)\\s*(?:integer|int|number|numeric|string|text|checkbox|check box|boolean|bool|drop-?down(?: menu)?|selection)\\s*");
  /** "the default is 21", "default is *873*", "(default 9000)", "22 by default", "defaults to 69". */
  private static final Pattern DEFAULT_IN_TEXT = Pattern.compile(
      "(?i)\\bdefaults?(?:\\s+(?:is|to|of|value\\s+is))?\\s*[:(]?\\s*[*`'\"]{0,2}(\\d{1,5})(?![\\d.:])|(?<![\\d.:])(\\d{1,5})[*`'\"]{0,2}\\s+by\\s+default\\b");
  private static final Pattern TRANSPORT_WORD = Pattern.compile("(?i)\\b(?:tcp|udp)\\b");
  private static final Pattern OVER_TCP = Pattern.compile("(?i)\\b(?:https?|rpc|tls|ssl|web\\s*ui|rest|binary[- ]protocol|protobuf)\\b");

  /** {@code t} as a "Port | Protocol | Description" table, or {@code t} itself when it is not an option table. */
  static Table rewrite(Table t) {
    int name = -1, value = -1, description = -1;
    for (int i = 0; i < t.header().size(); i++) {
      String h = t.header().get(i).toLowerCase(Locale.ROOT).strip();
      if (h.matches(".*\\bports?\\b.*")) return t;
      if (name < 0 && NAME_HEADER.matcher(h).matches()) name = i;
      else if (value < 0 && VALUE_HEADER.matcher(h).matches()) value = i;
      else if (description < 0 && DESCRIPTION_HEADER.matcher(h).matches()) description = i;
    }
    if (name < 0 || value < 0) return t;
    List<Row> rows = new ArrayList<>();
    for (Row r : t.rows()) {
      String option = r.cell(name).strip();
      if (option.isEmpty() || option.length() > 80 || !PORT_OPTION.matcher(option).find()) continue;
      // "localPortRange = 100", "portCount": how many ports, not a port.
      if (COUNT_OPTION.matcher(option).find()) continue;
      String v = r.cell(value);
      String text = description < 0 ? "" : r.cell(description);
      String port;
      Matcher m;
      if ((m = NUMBER.matcher(v)).matches() || (m = HOST_PORT.matcher(v)).matches()) port = m.group(1);
      else if (TYPE_VALUE.matcher(v).matches() && (m = DEFAULT_IN_TEXT.matcher(text)).find()) port = m.group(1) != null ? m.group(1) : m.group(2);
      else if (v.isBlank() || v.strip().matches("[/\\-]|n/?a|none|unset")) port = "";
      else continue;
      if (!port.isEmpty() && Integer.parseInt(port) == 0) continue; // "0.0.0.0:0": a free port chosen at start
      if (port.isEmpty() && !text.matches("(?is).*\\bport\\b.*\\d.*")) continue;
      String protocol = TRANSPORT_WORD.matcher(text).find() ? "" : OVER_TCP.matcher(text).find() ? "TCP" : "";
      String purpose = option + ": " + text.strip();
      rows.add(new Row(r.line(), List.of(port, protocol, purpose), r.notes()));
    }
    if (rows.isEmpty()) return t;
    return new Table(t.line(), t.shape(), List.of("Port", "Protocol", "Description"), rows);
  }
}
