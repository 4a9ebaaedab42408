package org.portolan.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.asa.AsaImporter;
import org.portolan.ingest.aws.AwsImporter;
import org.portolan.ingest.azure.NsgImporter;
import org.portolan.ingest.gcp.GcpImporter;
import org.portolan.ingest.iptables.IptablesImporter;
import org.portolan.ingest.k8s.K8sImporter;
import org.portolan.ingest.nftables.NftJsonImporter;
import org.portolan.ingest.nftables.NftTextImporter;
import org.portolan.ingest.panos.PanOsImporter;
import org.portolan.ingest.srx.SrxImporter;
import org.portolan.ingest.windows.WindowsImporter;

/** Detects a ruleset's format and hands it to that format's importer. */
public final class RulesetImporter {
  private RulesetImporter() {}

  /** The formats verify reads. */
  public enum Format {
    IPTABLES("iptables"), NFT_JSON("nft-json"), NFT("nft"), ASA("asa"), AWS("aws"),
    SRX("srx"), PANOS("panos"), AZURE_NSG("azure-nsg"), GCP("gcp"), WINDOWS("windows"), K8S("k8s");

    private final String keyword;

    Format(String keyword) {
      this.keyword = keyword;
    }

    public String keyword() {
      return keyword;
    }

    /** A format keyword, or the name compile gives the same dialect ({@code nftables}, {@code aws-sg}). */
    public static Optional<Format> parse(String s) {
      String k = s.trim().toLowerCase(Locale.ROOT);
      for (Format f : values()) if (f.keyword.equals(k)) return Optional.of(f);
      return switch (k) {
        case "nftables" -> Optional.of(NFT);
        case "aws-sg" -> Optional.of(AWS);
        case "kubernetes", "networkpolicy" -> Optional.of(K8S);
        default -> Optional.empty();
      };
    }
  }

  private static final Pattern NFT_TABLE = Pattern.compile("(?m)^\\s*table\\s+(ip|ip6|inet|arp|bridge|netdev)?\\s*\\S+\\s*\\{");
  private static final Pattern ASA = Pattern.compile("(?m)^\\s*(access-list|access-group|object-group|object)\\s");
  private static final Pattern IPT = Pattern.compile("(?m)^(\\*filter|\\*raw|\\*nat|\\*mangle|:[A-Za-z_-]+ (ACCEPT|DROP|-) |-A \\S+)");

  private static final Pattern SRX = Pattern.compile("(?m)^\\s*set (security (policies|address-book|zones)|applications application) ");
  private static final Pattern PANOS = Pattern.compile("(?m)^\\s*set ((shared|vsys \\S+|device-group \\S+) )?((pre-|post-)?rulebase security rules|address \\S+ (ip-netmask|ip-range|fqdn)|service \\S+ protocol) ");

  private static final Pattern K8S_YAML = Pattern.compile("(?m)^\\s*(- )?\\s*kind:\\s*[\"']?(NetworkPolicy|NetworkPolicyList)[\"']?\\s*$");
  private static final Pattern K8S_JSON = Pattern.compile("\"kind\"\\s*:\\s*\"NetworkPolicy(List)?\"");

  /** Detects the format from the content; empty when it looks like none of them. */
  public static Optional<Format> detect(String content) {
    String head = content.length() > 200_000 ? content.substring(0, 200_000) : content;
    String t = head.stripLeading();
    if (t.startsWith("{") || t.startsWith("[")) {
      if (head.contains("\"nftables\"")) return Optional.of(Format.NFT_JSON);
      if (head.contains("\"SecurityGroups\"") || head.contains("\"IpPermissions\"")) return Optional.of(Format.AWS);
      if (head.contains("\"securityRules\"") || head.contains("Microsoft.Network/networkSecurityGroups")) return Optional.of(Format.AZURE_NSG);
      if (head.contains("\"compute#firewall\"") || head.contains("\"google_compute_firewall\"") || head.contains("\"sourceRanges\"") && head.contains("\"IPProtocol\"")) return Optional.of(Format.GCP);
      if (K8S_JSON.matcher(head).find()) return Optional.of(Format.K8S);
      if (head.contains("\"Direction\"") && head.contains("\"Action\"") && (head.contains("\"DisplayName\"") || head.contains("\"LocalPort\"") || head.contains("\"RemoteAddress\""))) return Optional.of(Format.WINDOWS);
      return Optional.empty();
    }
    if (K8S_YAML.matcher(head).find()) return Optional.of(Format.K8S);
    if (head.contains("New-NetFirewallRule") || head.contains("Set-NetFirewallProfile")) return Optional.of(Format.WINDOWS);
    if (IPT.matcher(head).find()) return Optional.of(Format.IPTABLES);
    if (NFT_TABLE.matcher(head).find()) return Optional.of(Format.NFT);
    if (ASA.matcher(head).find()) return Optional.of(Format.ASA);
    if (SRX.matcher(head).find()) return Optional.of(Format.SRX);
    if (PANOS.matcher(head).find()) return Optional.of(Format.PANOS);
    return Optional.empty();
  }

  /** Imports {@code content}; errors and warnings go to {@code d}. */
  public static Optional<Acl> read(String content, String file, Optional<Format> format, Diagnostics d) {
    return read(content, file, format, org.portolan.ingest.acl.HostFacts.NONE, d);
  }

  /**
   * Imports {@code content}; {@code facts} holds the firewall host's own addresses (from
   * {@code --local}), what address-type conditions are read against, and its ipsets.
   */
  public static Optional<Acl> read(String content, String file, Optional<Format> format, org.portolan.ingest.acl.HostFacts facts, Diagnostics d) {
    // "nft"/"nftables" names the dialect; whether the dump is text or `nft -j` JSON the content says
    Optional<Format> f = format.map(x -> x == Format.NFT && content.stripLeading().startsWith("{") ? Format.NFT_JSON : x).or(() -> detect(content));
    if (f.isEmpty()) {
      d.error(SourcePosition.of(file), "cannot tell the ruleset format; expected iptables-save output, nft (text or -j JSON), Cisco ASA configuration, AWS describe-security-groups JSON, "
          + "Juniper SRX or PAN-OS set commands, Azure NSG or GCP firewall-rule JSON, Windows Firewall (JSON or PowerShell), or Kubernetes NetworkPolicy YAML/JSON; give --ruleset-format");
      return Optional.empty();
    }
    Optional<Acl> acl = switch (f.get()) {
      case IPTABLES -> IptablesImporter.read(content, file, facts, d);
      case NFT_JSON -> NftJsonImporter.read(content, file, facts, d);
      case NFT -> NftTextImporter.read(content, file, facts, d);
      case ASA -> AsaImporter.read(content, file, d);
      case AWS -> AwsImporter.read(content, file, d);
      case SRX -> SrxImporter.read(content, file, d);
      case PANOS -> PanOsImporter.read(content, file, d);
      case AZURE_NSG -> NsgImporter.read(content, file, d);
      case GCP -> GcpImporter.read(content, file, d);
      case WINDOWS -> WindowsImporter.read(content, file, d);
      case K8S -> K8sImporter.read(content, file, d);
    };
    if (acl.isPresent() && !noCallCycles(acl.get(), d)) return Optional.empty();
    return acl;
  }

  /** Chains that call or go to each other in a circle cannot be evaluated (the kernel refuses them too): an error at the closing jump. */
  static boolean noCallCycles(Acl acl, Diagnostics d) {
    java.util.Map<String, Integer> state = new java.util.HashMap<>();
    for (String c : acl.chains().keySet()) if (!visit(acl, c, state, d, 0)) return false;
    return true;
  }

  private static boolean visit(Acl acl, String chain, java.util.Map<String, Integer> state, Diagnostics d, int depth) {
    Integer s = state.get(chain);
    if (s != null) return s == 2;
    state.put(chain, 1);
    for (org.portolan.ingest.acl.AclLine l : acl.chains().get(chain).lines()) {
      String target = switch (l.action()) {
        case org.portolan.ingest.acl.Action.Call c -> c.chain();
        case org.portolan.ingest.acl.Action.Goto g -> g.chain();
        case org.portolan.ingest.acl.Action.Accept a -> null;
        case org.portolan.ingest.acl.Action.Drop x -> null;
        case org.portolan.ingest.acl.Action.Reject x -> null;
        case org.portolan.ingest.acl.Action.Return x -> null;
        case org.portolan.ingest.acl.Action.Continue x -> null;
        case org.portolan.ingest.acl.Action.Unknown x -> null;
      };
      if (target == null || !acl.chains().containsKey(target)) continue;
      if (state.get(target) != null && state.get(target) == 1 || depth > 60) {
        d.error(new SourcePosition(l.source().file(), l.source().line(), 0), "jump from chain " + chain + " to " + target + " closes a loop of chain calls (or nests deeper than 60)");
        return false;
      }
      if (!visit(acl, target, state, d, depth + 1)) return false;
    }
    state.put(chain, 2);
    return true;
  }
}
