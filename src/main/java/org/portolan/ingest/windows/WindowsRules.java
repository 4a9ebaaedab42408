package org.portolan.ingest.windows;

import java.util.List;
import java.util.Optional;
import org.portolan.diag.SourcePosition;

/**
 * Windows Defender Firewall vendor records: rules as {@code Get-NetFirewallRule} with its
 * address and port filters exports them (values as words or as the enum numbers
 * {@code ConvertTo-Json} writes), or as {@code New-NetFirewallRule} parameters.
 */
final class WindowsRules {
  private WindowsRules() {}

  /** The profiles' default actions when the input states them ({@code Set-NetFirewallProfile}). */
  record Profile(Optional<Boolean> inboundBlock, Optional<Boolean> outboundBlock, SourcePosition at, String text) {}

  /** One rule; lists hold the filter values as written ({@code Any}, {@code 80}, {@code 1000-2000}, {@code RPC}, {@code LocalSubnet}, addresses). */
  record Rule(String name, boolean inbound, boolean allow, boolean enabled, String profile, String protocol, List<String> localPorts, List<String> remotePorts,
      List<String> localAddresses, List<String> remoteAddresses, List<String> icmpTypes, List<String> unmodelled, SourcePosition at) {
    Rule {
      localPorts = List.copyOf(localPorts);
      remotePorts = List.copyOf(remotePorts);
      localAddresses = List.copyOf(localAddresses);
      remoteAddresses = List.copyOf(remoteAddresses);
      icmpTypes = List.copyOf(icmpTypes);
      unmodelled = List.copyOf(unmodelled);
    }
  }

  record Doc(List<Rule> rules, List<Profile> profiles) {}
}
