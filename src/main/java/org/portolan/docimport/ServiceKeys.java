package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import org.portolan.model.PortRange;
import org.portolan.model.PortTerm;
import org.portolan.model.Protocol;
import org.portolan.model.Service;

/**
 * Comparable (protocol, port) keys of a service, as the diff and the recovery figures count
 * them: one key per port of small fixed ranges ("tcp/137"), a range key for wide ones
 * ("udp/1024-65535"), the notation for open-ended, series and dynamic terms, the default
 * ports of a configurable term (its variable name is a person's choice), and "icmp" for any
 * ICMP service (the type is not compared: documents rarely name it).
 */
final class ServiceKeys {
  private ServiceKeys() {}

  static final int EXPAND_UP_TO = 16;

  static List<String> of(Service s) {
    String p = s.protocol().keyword();
    List<String> out = new ArrayList<>();
    switch (s.protocol()) {
      case Protocol.Icmp i -> out.add("icmp");
      case Protocol.Ip ip -> out.add("ip/" + ip.number());
      case Protocol.Tcp t -> terms(p, s, out);
      case Protocol.Udp u -> terms(p, s, out);
    }
    return out;
  }

  private static void terms(String p, Service s, List<String> out) {
    for (PortTerm t : s.ports().terms()) {
      switch (t) {
        case PortTerm.Fixed f -> range(p, f.range(), out);
        case PortTerm.Configurable c -> c.defaultPorts().ranges().forEach(r -> range(p, r, out));
        case PortTerm.OpenEnded o -> out.add(p + "/" + o.notation());
        case PortTerm.Series x -> out.add(p + "/" + x.notation());
        case PortTerm.Dynamic d -> out.add(p + "/" + d.notation());
      }
    }
  }

  private static void range(String p, PortRange r, List<String> out) {
    if (r.size() > EXPAND_UP_TO) {
      out.add(p + "/" + r.notation());
      return;
    }
    for (int port = r.from(); port <= r.to(); port++) out.add(p + "/" + port);
  }
}
