package org.portolan.model;

import java.util.Map;
import java.util.Optional;

/** The named dynamic port ranges the catalog refers to, with their documented defaults. */
public final class DynamicRange {
  private DynamicRange() {}

  /**
   * Defaults. {@code nfs-filer}, {@code sql-named}, {@code sql-dac-named} and
   * {@code citrix-vendor-daemon} have none on purpose: the filer, the instance or the service
   * chooses them, so a deployment using them must say which ports its servers use (never
   * silently "any").
   */
  public static final Map<String, PortSet> DEFAULTS = Map.of(
      // Windows Vista / Server 2008 and later (IANA dynamic range).
      "rpc", PortSet.range(49152, 65535),
      // Windows 2000 / XP / Server 2003.
      "rpc-legacy", PortSet.range(1025, 5000),
      // "anywhere between 1024 and 65,535", as the ConfigMgr trace document puts it.
      "rpc-wide", PortSet.range(1024, 65535));

  public static final Map<String, String> DESCRIPTIONS = Map.of(
      "rpc", "Windows RPC dynamic ports (49152-65535, Windows Server 2008 and later)",
      "rpc-legacy", "Windows RPC dynamic ports on older Windows (1025-5000)",
      "rpc-wide", "RPC dynamic ports as documented for mixed estates (1024-65535)",
      "nfs-filer", "NFSv3 mountd/statd/lockd ports chosen by the filer (no default: set it per deployment)",
      "sql-named", "TCP port a SQL Server named instance picks when it starts (no default: fix the instance's port and set it per deployment)",
      "sql-dac-named", "TCP port of a SQL Server named instance's dedicated admin connection, shown in its error log (no default: set it per deployment)",
      "citrix-vendor-daemon", "TCP port of the Citrix vendor daemon on a Citrix License Server, chosen when the service starts unless made static (no default: set the static port per deployment)");

  public static Optional<PortSet> defaultOf(String name) {
    return Optional.ofNullable(DEFAULTS.get(name));
  }

  public static boolean isKnown(String name) {
    return DESCRIPTIONS.containsKey(name);
  }
}
