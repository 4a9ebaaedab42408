package org.portolan.docimport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.model.PortRange;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * The ports a code block gives as the product's own, in the few forms that cannot mean anything
 * else: firewall commands ({@code firewall-cmd --add-port=2379-2380/tcp}, {@code ufw allow
 * 6443/tcp}, {@code iptables -p udp --dport 8472}, {@code netsh advfirewall … localport=1433},
 * {@code New-NetFirewallRule … -LocalPort 1433}), published container ports (a compose
 * {@code ports:} list, {@code docker run -p 9093:9093}, {@code EXPOSE 8080}) and listening
 * addresses ({@code --web.listen-address=:9090}, {@code listen_port = 4000}, {@code bind:
 * 0.0.0.0:8200}). Any other number in code (a client's connection settings, an example URL, a
 * proxy's upstream) is not read: a code block is an example, so every port read here is marked
 * for review. Hand-written line patterns, each bounded to one line.
 */
final class CodePorts {
  private CodePorts() {}

  private static final Pattern FIREWALL_CMD = Pattern.compile("(?i)--add-port[= ](\\d{1,5})(?:-(\\d{1,5}))?/(tcp|udp)\\b");
  private static final Pattern UFW = Pattern.compile("(?i)^\\s*(?:sudo\\s+)?ufw\\s+allow\\s+(?:in\\s+)?(\\d{1,5})(?::(\\d{1,5}))?(?:/(tcp|udp))?\\s*$");
  private static final Pattern UFW_PORT = Pattern.compile("(?i)^\\s*(?:sudo\\s+)?ufw\\s+allow\\b.*?\\bproto\\s+(tcp|udp)\\b.*?\\bport\\s+(\\d{1,5})(?::(\\d{1,5}))?");
  /** "iptables -A INPUT -p tcp --dport 9100", an iptables-save line "-A INPUT -p tcp -m multiport --dports 5634:6166,8080". */
  private static final Pattern IPTABLES = Pattern.compile("(?i)^\\s*(?:(?:sudo\\s+)?ip6?tables\\b.*?)?-A\\s+INPUT\\b.*?-p\\s+(tcp|udp)\\b.*?--dports?\\s+([\\d:,]{1,80})(?:\\s|$)(?=.*-j\\s+ACCEPT)");
  /** A ufw application profile: "ports=24007/tcp", "ports=80,443/tcp|53/udp", "ports=38465:38467/tcp". */
  private static final Pattern UFW_PROFILE = Pattern.compile("(?i)^\\s*ports\\s*=\\s*((?:[\\d:,]{1,80}/(?:tcp|udp)\\|?){1,8})\\s*$");
  private static final Pattern NETSH = Pattern.compile("(?i)^\\s*netsh\\s+(?:advfirewall\\s+)?firewall\\s+(?:add\\s+rule\\b.*?\\bdir\\s*=\\s*in\\b.*?\\bprotocol\\s*=\\s*(tcp|udp)\\b.*?\\blocalport\\s*=\\s*(\\d{1,5})(?:-(\\d{1,5}))?"
      + "|set\\s+portopening\\s+(?:protocol\\s*=\\s*)?(tcp|udp)\\s+(?:port\\s*=\\s*)?(\\d{1,5}))");
  private static final Pattern NETSH_ORDER = Pattern.compile("(?i)^\\s*netsh\\s+advfirewall\\s+firewall\\s+add\\s+rule\\b.*?\\bdir\\s*=\\s*in\\b.*?\\blocalport\\s*=\\s*(\\d{1,5})(?:-(\\d{1,5}))?.*?\\bprotocol\\s*=\\s*(tcp|udp)\\b");
  private static final Pattern POWERSHELL = Pattern.compile("(?i)^\\s*New-NetFirewallRule\\b(?=.*-Direction\\s+Inbound)(?=.*-Protocol\\s+(tcp|udp)\\b)(?=.*-LocalPort\\s+(\\d{1,5})(?:-(\\d{1,5}))?).*");
  private static final Pattern PUBLISH = Pattern.compile("(?:^|\\s)(?:-p|--publish)[ =]\"?(?:([\\d.]+|\\[[0-9a-fA-F:]+\\]):)?(\\d{1,5})(?:-(\\d{1,5}))?:\\d{1,5}(?:-\\d{1,5})?(?:/(tcp|udp))?\"?");
  /** A services-file line: "securidprop_00    5505/tcp    # acesyncd for primary", "sdlog 5520/tcp sdlogd". */
  private static final Pattern SERVICES_LINE = Pattern.compile("^\\s*[A-Za-z][\\w.+-]{0,40}\\s+(\\d{1,5})/(tcp|udp)(?:\\s+[A-Za-z][\\w.+-]{0,40}){0,4}\\s*(?:#.*)?$");
  private static final Pattern COMPOSE_PORTS = Pattern.compile("^(\\s*)ports:\\s*$");
  private static final Pattern COMPOSE_ITEM = Pattern.compile("^\\s*-\\s*[\"']?(?:([\\d.]+):)?(\\d{1,5})(?:-(\\d{1,5}))?(?::\\d{1,5}(?:-\\d{1,5})?)?(?:/(tcp|udp))?[\"']?\\s*(?:#.*)?$");
  private static final Pattern EXPOSE = Pattern.compile("(?i)^\\s*EXPOSE\\s+(.+)$");
  private static final Pattern EXPOSED_PORT = Pattern.compile("(\\d{1,5})(?:/(tcp|udp))?");
  private static final Pattern LISTEN = Pattern.compile(
      "(?i)(?:--?|^\\s*)[\\w.-]*(?:listen|bind)[\\w.-]*(?:[-_.]?addr(?:ess)?)?\\s*[:= ]\\s*[\"']?(?:[\\w.-]*|\\[[0-9a-f:]*\\]|\\*)?:(\\d{1,5})\\b");
  private static final Pattern LISTEN_PORT = Pattern.compile(
      "(?i)(?:--|^\\s*)[\\w.-]*(?:listen|bind)[\\w-]*[-_.]?port\\s*[:= ]\\s*[\"']?(\\d{1,5})\\b|(?:^|\\s)--[\\w.-]*-port[= ](\\d{1,5})\\b");

  /** Flags that name a port the product connects to, not one it listens on ("--db-port", "--redis-port", "--proxy-port"). */
  private static final Pattern CLIENT_FLAG = Pattern.compile(
      "(?i)--[\\w.-]*(?:db|database|redis|postgres\\w*|pg|mysql|mongo\\w*|smtp|mail|proxy|upstream|remote|target|backend|elasticsearch|es|kafka|ldap|ssh)-port\\b"
          // "--min-port=49160 --max-port=49200": the bounds of a range, not a port of their own.
          + "|--[\\w.-]*(?:min|max|lower|upper)-port\\b");

  /**
   * The ports of one code block, one statement per line that states one.
   *
   * @param presented the block stands in a section about ports, firewalls or listening: its
   *     published ports and listening addresses are read too; otherwise only firewall rules
   */
  static List<ProsePorts.Statement> read(String code, boolean presented) {
    List<ProsePorts.Statement> out = new ArrayList<>();
    String[] lines = code.split("\n", -1);
    cloudFirewallRules(lines, out);
    // A listing in the form of a services file names each service with its port and transport: it is read wherever it
    // stands, once it has two such lines (one alone may be a command's output in a tutorial).
    long servicesLines = Arrays.stream(lines).filter(l -> l.length() <= 400 && SERVICES_LINE.matcher(l).matches()).count();
    int composeIndent = -1;
    for (String line : lines) {
      if (line.length() > 400) continue;
      List<Service> services = new ArrayList<>();
      boolean loopback = false;
      String form;
      Matcher m;
      Matcher ports = COMPOSE_PORTS.matcher(line);
      if (ports.matches()) {
        composeIndent = ports.group(1).length();
        continue;
      }
      if (composeIndent >= 0 && !line.isBlank() && RstDocumentReader.indent(line) <= composeIndent) composeIndent = -1;
      Matcher service = SERVICES_LINE.matcher(line);
      boolean servicesLine = servicesLines >= 2 && service.matches();
      if (!presented && !firewallRule(line) && !servicesLine) continue;
      if (servicesLine) {
        form = "a services-file listing";
        add(services, service.group(2), service.group(1), null);
      } else if (composeIndent >= 0 && (m = COMPOSE_ITEM.matcher(line)).matches()) {
        form = "a published port of the compose file";
        loopback = isLoopback(m.group(1));
        add(services, m.group(4), m.group(2), m.group(3));
      } else if ((m = FIREWALL_CMD.matcher(line)).find()) {
        form = "a firewall-cmd rule";
        do add(services, m.group(3), m.group(1), m.group(2)); while (m.find());
      } else if ((m = UFW.matcher(line)).matches()) {
        form = "a ufw rule";
        add(services, m.group(3), m.group(1), m.group(2));
      } else if ((m = UFW_PORT.matcher(line)).find()) {
        form = "a ufw rule";
        add(services, m.group(1), m.group(2), m.group(3));
      } else if ((m = NETSH.matcher(line)).find()) {
        form = "a netsh firewall rule";
        if (m.group(1) != null) add(services, m.group(1), m.group(2), m.group(3));
        else add(services, m.group(4), m.group(5), null);
      } else if ((m = NETSH_ORDER.matcher(line)).find()) {
        form = "a netsh firewall rule";
        add(services, m.group(3), m.group(1), m.group(2));
      } else if ((m = POWERSHELL.matcher(line)).matches()) {
        form = "a New-NetFirewallRule";
        add(services, m.group(1), m.group(2), m.group(3));
      } else if ((m = IPTABLES.matcher(line)).find()) {
        form = "an iptables rule";
        addList(services, m.group(1), m.group(2));
      } else if ((m = UFW_PROFILE.matcher(line)).matches()) {
        form = "a ufw application profile";
        for (String part : m.group(1).split("\\|")) {
          int slash = part.indexOf('/');
          if (slash > 0) addList(services, part.substring(slash + 1), part.substring(0, slash));
        }
      } else if ((m = EXPOSE.matcher(line)).matches()) {
        form = "an EXPOSE line";
        Matcher e = EXPOSED_PORT.matcher(m.group(1));
        while (e.find()) add(services, e.group(2), e.group(1), null);
      } else if ((m = PUBLISH.matcher(line)).find()) {
        form = "a published container port";
        do {
          loopback = isLoopback(m.group(1));
          add(services, m.group(4), m.group(2), m.group(3));
        } while (m.find());
      } else if ((m = LISTEN.matcher(line)).find()) {
        form = "a listening address";
        loopback = line.contains("127.0.0.1:") || line.contains("localhost:") || line.contains("[::1]:");
        add(services, null, m.group(1), null);
      } else if ((m = LISTEN_PORT.matcher(line)).find() && !CLIENT_FLAG.matcher(line).find()) {
        form = "a port setting";
        add(services, null, m.group(1) != null ? m.group(1) : m.group(2), null);
      } else continue;
      if (services.isEmpty()) continue;
      List<String> notes = new ArrayList<>();
      String shown = line.strip();
      notes.add("read from " + form + " in a code block (\"" + (shown.length() > 80 ? shown.substring(0, 77) + "..." : shown)
          + "\"): confirm it is a port of this product, not an example");
      if (services.stream().anyMatch(s -> s.notation().startsWith("tcp/")) && !line.toLowerCase(Locale.ROOT).contains("tcp"))
        notes.add("no protocol in the code line: TCP assumed");
      out.add(new ProsePorts.Statement(shown, services, notes, 0, loopback, false, false));
    }
    return out;
  }

  /** A cloud firewall rule: "gcloud compute firewall-rules create … --allow tcp:8443,tcp:9443" (ingress unless it says egress). */
  private static final Pattern GCLOUD_RULE = Pattern.compile("(?i)\\bfirewall-rules\\s+create\\b");
  private static final Pattern GCLOUD_ALLOW = Pattern.compile("(?i)--(?:allow|rules)[= ]\\s*[\"']?((?:(?:tcp|udp):[\\d\\-]{1,11},?){1,32})[\"']?");
  private static final Pattern EGRESS = Pattern.compile("(?i)--direction[= ]\\s*[\"']?(?:egress|out)\\b");

  /** The ports of every cloud firewall rule of the block, its command joined across "\\" line continuations. */
  private static void cloudFirewallRules(String[] lines, List<ProsePorts.Statement> out) {
    StringBuilder command = new StringBuilder();
    for (int k = 0; k < lines.length; k++) {
      String line = lines[k];
      boolean continued = line.stripTrailing().endsWith("\\");
      if (command.length() < 4000) command.append(continued ? line.stripTrailing().substring(0, line.stripTrailing().length() - 1) : line).append(' ');
      if (continued && k + 1 < lines.length) continue;
      String c = command.toString();
      command.setLength(0);
      if (!GCLOUD_RULE.matcher(c).find() || EGRESS.matcher(c).find()) continue;
      Matcher m = GCLOUD_ALLOW.matcher(c);
      if (!m.find()) continue;
      List<Service> services = new ArrayList<>();
      for (String item : m.group(1).split(",")) {
        String[] pp = item.split(":");
        if (pp.length != 2 || pp[1].isEmpty()) continue;
        String[] r = pp[1].split("-");
        if (r.length < 1 || r.length > 2 || r[0].isEmpty() || r[0].length() > 5 || r.length == 2 && (r[1].isEmpty() || r[1].length() > 5)) continue;
        add(services, pp[0], r[0], r.length == 2 ? r[1] : null);
      }
      if (services.isEmpty()) continue;
      String shown = m.group().strip();
      out.add(new ProsePorts.Statement(shown, services, List.of("read from a cloud firewall rule in a code block (\"" + shown
          + "\"): confirm it is a port of this product, not an example"), 0, false, false, false));
    }
  }

  private static boolean firewallRule(String line) {
    return FIREWALL_CMD.matcher(line).find() || UFW.matcher(line).matches() || UFW_PORT.matcher(line).find() || IPTABLES.matcher(line).find()
        || UFW_PROFILE.matcher(line).matches()
        || NETSH.matcher(line).find() || NETSH_ORDER.matcher(line).find() || POWERSHELL.matcher(line).matches();
  }

  private static boolean isLoopback(String address) {
    return address != null && (address.startsWith("127.") || address.equals("[::1]"));
  }

  /** "5634:6166,8080": ports and colon ranges, comma-separated. */
  private static void addList(List<Service> services, String protocol, String list) {
    for (String item : list.split(",")) {
      String[] r = item.split(":");
      if (r.length == 0 || r.length > 2 || r[0].isEmpty() || r[0].length() > 5 || r.length == 2 && (r[1].isEmpty() || r[1].length() > 5)) continue;
      add(services, protocol, r[0], r.length == 2 ? r[1] : null);
    }
  }

  private static void add(List<Service> services, String protocol, String from, String to) {
    int a = Integer.parseInt(from);
    int b = to == null ? a : Integer.parseInt(to);
    if (a < 1 || a > PortRange.MAX || b < a || b > PortRange.MAX) return;
    Protocol p = protocol != null && protocol.equalsIgnoreCase("udp") ? Protocol.UDP : Protocol.TCP;
    Service s = new Service(p, PortSpec.of(new PortTerm.Fixed(new PortRange(a, b))));
    if (!services.contains(s)) services.add(s);
  }
}
