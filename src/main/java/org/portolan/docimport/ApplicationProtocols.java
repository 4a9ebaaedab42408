package org.portolan.docimport;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Protocol column that names application protocols ("HTTP", "GRPC", "H2", "mTLS", "DNS")
 * instead of the transport. Those carried only over TCP (or only over UDP, like QUIC) say
 * their transport; those carried over either (DNS, LDAP, Kerberos, SIP, syslog …) say
 * nothing, so the row's own text must say UDP or TCP, or the row is left for review.
 */
final class ApplicationProtocols {
  private ApplicationProtocols() {}

  /** What an application-protocol cell says about the transport. */
  sealed interface Reading {
    /** The transport it implies, as a protocol cell: "TCP", "UDP" or "TCP/UDP". */
    record Transport(String cell, String note) implements Reading {}

    /** An application protocol carried over UDP or TCP: the row must say which. */
    record Either(String name) implements Reading {}
  }

  private static final Set<String> OVER_TCP = Set.of("http", "https", "http/1.1", "http/2", "http2", "h2", "h2c", "grpc", "grpcs", "tls", "mtls",
      "ssl", "websocket", "websockets", "ws", "wss", "ssh", "sftp", "scp", "smtp", "smtps", "submission", "imap", "imaps", "pop3", "pop3s", "ftp",
      "ftps", "mqtt", "mqtts", "amqp", "amqps", "stomp", "rest", "hbone", "ldaps", "xmpp", "redis", "postgres", "postgresql", "mysql", "tds",
      "mongodb", "rtmp", "thrift", "kafka", "iiop", "jmx", "rmi", "vnc", "rfb", "telnet", "bgp", "smb", "cifs", "nfs4", "ipp", "memcached",
      "xds", "opentsdb", "prometheus", "graphql", "soap", "winrm", "wsman",
      // RTSP's control connection: RFC 7826 (RTSP 2.0) defines it over TCP only; RTSP 1.0's "rtspu" over UDP is written with its own name.
      "rtsp", "rtsps");
  private static final Set<String> OVER_UDP = Set.of("quic", "http/3", "http3", "h3", "dtls", "tftp", "ntp", "dhcp", "bootp", "mdns", "ssdp",
      "snmp", "netflow", "ipfix", "sflow", "statsd", "wireguard", "vxlan", "geneve", "rtp", "rtcp", "srtp", "coap");
  private static final Set<String> OVER_EITHER = Set.of("dns", "ldap", "kerberos", "sip", "syslog", "rdp", "stun", "turn", "radius", "nfs",
      "gossip", "rpc", "netbios");
  /** Security layers that fix the transport of what runs inside them: TLS over TCP (DTLS, over UDP, is handled beside it). */
  private static final Set<String> SECURE_LAYER = Set.of("tls", "ssl", "mtls");
  /** Words beside the protocol names that say nothing about the transport: "HTTP(S)", "WebSocket Secure", "gRPC over TLS". */
  private static final Set<String> FILLER = Set.of("and", "or", "over", "plain", "plaintext", "s", "secure", "api", "web", "traffic");
  private static final Pattern WORD = Pattern.compile("(?i)[a-z][a-z0-9]*(?:/[0-9](?:\\.[0-9])?)?");
  private static final Pattern TRANSPORT = Pattern.compile("(?i)\\b(?:tcp|udp|sctp|icmp)\\b");

  /**
   * How {@code cell} names its transport, or {@code null} when it says TCP/UDP itself or names
   * no application protocol this reader knows (every word of the cell must be one).
   */
  static Reading read(String cell) {
    Reading whole = readWhole(cell);
    if (whole != null || cell == null) return whole;
    // "HTTPS. Secure connection can be turned off.": the first sentence names the protocol, the rest remarks on it.
    int stop = cell.indexOf(". ");
    return stop > 0 ? readWhole(cell.substring(0, stop)) : null;
  }

  private static Reading readWhole(String cell) {
    if (cell == null || cell.isBlank() || TRANSPORT.matcher(cell).find()) return null;
    Set<String> tcp = new LinkedHashSet<>();
    Set<String> udp = new LinkedHashSet<>();
    String either = null;
    Matcher m = WORD.matcher(cell);
    int words = 0;
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      words++;
      if (OVER_TCP.contains(w)) tcp.add(m.group());
      else if (OVER_UDP.contains(w)) udp.add(m.group());
      else if (OVER_EITHER.contains(w)) either = either == null ? m.group() : either;
      else if (!FILLER.contains(w)) return null;
    }
    if (words == 0) return null;
    if (either != null && udp.isEmpty() && tcp.stream().anyMatch(w -> SECURE_LAYER.contains(w.toLowerCase(Locale.ROOT))) && tcp.size() == 1) {
      // "TLS/SIP", "LDAP over TLS": the application protocol runs inside TLS, and TLS runs over TCP.
      return new Reading.Transport("TCP", "'" + cell.strip() + "' names " + either + " inside " + tcp.iterator().next() + ", carried over TCP: read as TCP");
    }
    if (either != null && tcp.isEmpty() && udp.stream().anyMatch(w -> w.equalsIgnoreCase("dtls")) && udp.size() == 1)
      return new Reading.Transport("UDP", "'" + cell.strip() + "' names " + either + " inside DTLS, carried over UDP: read as UDP");
    if (either != null) return new Reading.Either(either);
    if (tcp.isEmpty() && udp.isEmpty()) return null;
    String named = String.join("/", tcp) + (tcp.isEmpty() || udp.isEmpty() ? "" : "/") + String.join("/", udp);
    String transport = udp.isEmpty() ? "TCP" : tcp.isEmpty() ? "UDP" : "TCP/UDP";
    return new Reading.Transport(transport, "'" + cell.strip() + "' names the application protocol " + named + ", carried over " + transport
        + ": read as " + transport);
  }
}
