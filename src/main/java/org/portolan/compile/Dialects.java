package org.portolan.compile;

import java.util.List;
import java.util.Optional;
import org.portolan.compile.dialect.AsaDialect;
import org.portolan.compile.dialect.AwsSecurityGroup;
import org.portolan.compile.dialect.AwsTerraform;
import org.portolan.compile.dialect.AzureNsg;
import org.portolan.compile.dialect.ChangeRequestCsv;
import org.portolan.compile.dialect.ChangeRequestXlsx;
import org.portolan.compile.dialect.GcpTerraform;
import org.portolan.compile.dialect.Iptables;
import org.portolan.compile.dialect.KubernetesNetworkPolicy;
import org.portolan.compile.dialect.Markdown;
import org.portolan.compile.dialect.Nftables;
import org.portolan.compile.dialect.PanOs;
import org.portolan.compile.dialect.Srx;
import org.portolan.compile.dialect.WindowsFirewall;

/** Every dialect, by the name users give with {@code --dialect}. */
public final class Dialects {
  private Dialects() {}

  private static final List<Dialect> ALL = List.of(
      new Iptables(), new Nftables(), new WindowsFirewall(), new AsaDialect(), new Srx(), new PanOs(),
      new AwsSecurityGroup(), new AwsTerraform(), new AzureNsg(), new GcpTerraform(),
      new KubernetesNetworkPolicy(), new ChangeRequestCsv(), new ChangeRequestXlsx(), new Markdown());

  public static List<Dialect> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(Dialect::name).toList();
  }

  public static Optional<Dialect> byName(String name) {
    return ALL.stream().filter(d -> d.name().equalsIgnoreCase(name.trim())).findFirst();
  }
}
