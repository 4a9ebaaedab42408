package org.portolan.probe;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.Host;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;

/** Which flows a host initiates, and which deployment host this machine is. */
public final class Sources {
  private Sources() {}

  /** Flows with a source block (host or group) containing one of {@code addresses}. */
  public static List<Flow> initiatedBy(List<Flow> flows, Collection<InetAddress> addresses) {
    List<IPAddress> mine = addresses.stream().map(Sources::ip).toList();
    return flows.stream().filter(f -> f.sources().stream().anyMatch(e -> e instanceof Endpoint.Addresses a
        && a.blocks().stream().anyMatch(b -> mine.stream().anyMatch(m -> b.getIPVersion() == m.getIPVersion() && b.contains(m))))).toList();
  }

  /** Flows with a destination block containing one of {@code addresses}: what a host must accept. */
  public static List<Flow> receivedBy(List<Flow> flows, Collection<InetAddress> addresses) {
    return flows.stream().filter(f -> addresses.stream().anyMatch(a -> Listener.receives(f, a))).toList();
  }

  /** The deployment host that owns one of this machine's addresses. */
  public static Optional<Host> hostOwning(Deployment d, Collection<InetAddress> local) {
    List<IPAddress> mine = local.stream().map(Sources::ip).toList();
    return d.hosts().stream().filter(h -> h.addresses().stream()
        .anyMatch(a -> mine.stream().anyMatch(m -> m.getIPVersion() == a.getIPVersion() && a.contains(m)))).findFirst();
  }

  /** Every address of this machine's interfaces (loopback included). */
  public static List<InetAddress> localAddresses() {
    List<InetAddress> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList())
        for (InetAddress a : ni.inetAddresses().toList()) out.add(a);
    } catch (SocketException e) {
      return out;
    }
    return out;
  }

  public static List<InetAddress> addresses(Host h) {
    return h.addresses().stream().map(a -> a.withoutPrefixLength().toInetAddress()).toList();
  }

  static IPAddress ip(InetAddress a) {
    String text = a.getHostAddress();
    int pct = text.indexOf('%');
    return new IPAddressString(pct < 0 ? text : text.substring(0, pct)).getAddress();
  }
}
