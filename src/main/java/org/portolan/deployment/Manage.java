package org.portolan.deployment;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the fleet commands reach a host for management (Ansible), never where it is probed.
 *
 * @param address the management address or DNS name; empty: Ansible connects to the host's
 *     name (resolved by DNS or ssh_config), never to the addresses flows are probed on
 * @param user the login; empty: Ansible's default (remote_user of ansible.cfg, else the
 *     controller's user)
 * @param connection ssh (Linux, default) or winrm (Windows)
 * @param port the management port; empty: 22 for ssh, 5986 (HTTPS) for winrm
 * @param java the Java 25+ {@code java} to run Portolan with on the host; empty: the one on the
 *     host's PATH or under /usr/lib/jvm when it is 25+, else the runtime image fleet ships;
 *     {@code bundled}: always ship the runtime image
 */
public record Manage(String address, String user, Connection connection, Optional<Integer> port, String java) {
  public enum Connection {
    SSH("ssh", 22), WINRM("winrm", 5986);

    private final String keyword;
    private final int defaultPort;

    Connection(String keyword, int defaultPort) {
      this.keyword = keyword;
      this.defaultPort = defaultPort;
    }

    public String keyword() {
      return keyword;
    }

    public int defaultPort() {
      return defaultPort;
    }
  }

  /** The default: connect over SSH to the host's name on port 22 with Ansible's default user. */
  public static final Manage DEFAULT = new Manage("", "", Connection.SSH, Optional.empty(), "");

  static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

  public Manage {
    address = address == null ? "" : address;
    user = user == null ? "" : user;
    java = java == null ? "" : java;
    if (connection == null) throw new IllegalArgumentException("manage: connection must be ssh or winrm");
    if (!address.isEmpty() && !ADDRESS.matcher(address).matches())
      throw new IllegalArgumentException("manage: address must be an IP address or a DNS name, got '" + address + "'");
    port.ifPresent(p -> {
      if (p < 1 || p > 65535) throw new IllegalArgumentException("manage: port must be 1-65535, got " + p);
    });
  }

  /** The port Ansible connects to. */
  public int effectivePort() {
    return port.orElse(connection.defaultPort());
  }
}
