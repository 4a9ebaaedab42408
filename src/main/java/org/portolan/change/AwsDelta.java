package org.portolan.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS security groups: per group and direction the JSON input of
 * {@code aws ec2 authorize-security-group-ingress} / {@code -egress} ({@code --cli-input-json}),
 * built as data and serialised; the same rules as Terraform
 * {@code aws_vpc_security_group_ingress_rule} / {@code _egress_rule} resources. Security
 * groups only permit and have no order: every addition is a new permission.
 */
final class AwsDelta implements Delta {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final int DESCRIPTION_MAX = 255;

  @Override
  public String fileName(ChangeResult r) {
    return "change.aws.sh";
  }

  /** Per group and direction: chain "input:sg-…" is ingress, "output:sg-…" egress. */
  record Target(String group, boolean ingress) {}

  static Target target(String chain) {
    boolean ingress = chain.startsWith("input:");
    return new Target(chain.substring(chain.indexOf(':') + 1), ingress);
  }

  /** The {@code --cli-input-json} documents, one per group and direction. */
  Map<Target, String> documents(ChangeResult r) {
    Map<Target, ArrayNode> perms = new LinkedHashMap<>();
    for (Addition a : r.additions()) {
      ArrayNode list = perms.computeIfAbsent(target(a.chain()), k -> JSON.createArrayNode());
      for (Fields f : Fields.of(a.accept())) list.addAll(permissions(f, a));
    }
    Map<Target, String> out = new LinkedHashMap<>();
    for (var e : perms.entrySet()) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("GroupId", e.getKey().group());
      doc.set("IpPermissions", e.getValue());
      try {
        out.put(e.getKey(), JSON.writeValueAsString(doc) + "\n");
      } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
        throw new IllegalStateException(x);
      }
    }
    return out;
  }

  @Override
  public String script(ChangeResult r) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder("#!/bin/sh\n# Portolan change for ").append(r.acl().file()).append(": new permissions only; nothing is revoked.\nset -e\n");
    for (var e : documents(r).entrySet()) {
      b.append("aws ec2 authorize-security-group-").append(e.getKey().ingress() ? "ingress" : "egress").append(" --cli-input-json '")
          .append(e.getValue().strip().replace("'", "'\\''")).append("'\n");
    }
    return b.toString();
  }

  @Override
  public Map<Addition, List<String>> commands(ChangeResult r) {
    Map<Addition, List<String>> out = new LinkedHashMap<>();
    for (Addition a : r.additions()) {
      List<String> lines = new ArrayList<>();
      Target t = target(a.chain());
      for (Fields f : Fields.of(a.accept()))
        for (var p : permissions(f, a)) lines.add("aws ec2 authorize-security-group-" + (t.ingress() ? "ingress" : "egress") + " --group-id " + t.group() + " --ip-permissions '" + p + "'");
      out.put(a, lines);
    }
    return out;
  }

  @Override
  public String position(ChangeResult r, Addition a) {
    Target t = target(a.chain());
    return t.group() + " " + (t.ingress() ? "ingress" : "egress") + " (a new permission; security groups have no order)";
  }

  @Override
  public List<String> tighten(ChangeResult r, Tightening t) {
    return List.of();
  }

  /** Terraform resources for the same permissions, one per address block and port range. */
  String terraform(ChangeResult r) {
    StringBuilder b = new StringBuilder("# Portolan change for ").append(r.acl().file()).append(": new security group rules only.\n");
    int n = 0;
    for (Addition a : r.additions()) {
      Target t = target(a.chain());
      for (Fields f : Fields.of(a.accept())) {
        List<String> peers = Fields.withLength(t.ingress() ? f.src() : f.dst(), f.family());
        if (peers.isEmpty()) peers = List.of(f.family() == 4 ? "0.0.0.0/0" : "::/0");
        for (String peer : peers) {
          for (long[] pr : portRanges(f)) {
            b.append("\nresource \"aws_vpc_security_group_").append(t.ingress() ? "ingress" : "egress").append("_rule\" \"portolan_").append(++n).append("\" {\n");
            b.append("  security_group_id = \"").append(t.group()).append("\"\n");
            b.append("  ").append(f.family() == 4 ? "cidr_ipv4" : "cidr_ipv6").append("         = \"").append(peer).append("\"\n");
            b.append("  ip_protocol       = \"").append(protocol(f)).append("\"\n");
            if (pr != null) b.append("  from_port         = ").append(pr[0]).append("\n  to_port           = ").append(pr[1]).append('\n');
            b.append("  description       = \"").append(description(a)).append("\"\n}\n");
          }
        }
      }
    }
    return b.toString();
  }

  private static List<long[]> portRanges(Fields f) {
    List<long[]> out = new ArrayList<>();
    if (f.proto() == 6 || f.proto() == 17) out.addAll(f.dports().isEmpty() ? List.of(new long[] {0, 65535}) : f.dports());
    else if (f.proto() == 1 || f.proto() == 58) {
      if (f.icmp().isEmpty()) out.add(new long[] {-1, -1});
      else for (int[] t : f.icmp()) out.add(new long[] {t[0], t[1]});
    } else out.add(null);
    return out;
  }

  private static String protocol(Fields f) {
    return switch (f.proto()) {
      case Fields.ANY -> "-1";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1 -> "icmp";
      case 58 -> "icmpv6";
      default -> Integer.toString(f.proto());
    };
  }

  /** What AWS allows in a description: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*. */
  static String description(Addition a) {
    String d = a.why().replace('—', '-').replaceAll("[^A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]", " ").replaceAll("\\s+", " ").strip();
    return d.length() > DESCRIPTION_MAX ? d.substring(0, DESCRIPTION_MAX) : d;
  }

  private static List<ObjectNode> permissions(Fields f, Addition a) {
    List<ObjectNode> out = new ArrayList<>();
    Target t = target(a.chain());
    List<String> peers = Fields.withLength(t.ingress() ? f.src() : f.dst(), f.family());
    if (peers.isEmpty()) peers = List.of(f.family() == 4 ? "0.0.0.0/0" : "::/0");
    for (long[] pr : portRanges(f)) {
      ObjectNode p = JSON.createObjectNode();
      p.put("IpProtocol", protocol(f));
      if (pr != null) {
        p.put("FromPort", pr[0]);
        p.put("ToPort", pr[1]);
      }
      ArrayNode ranges = p.putArray(f.family() == 4 ? "IpRanges" : "Ipv6Ranges");
      for (String peer : peers) ranges.addObject().put(f.family() == 4 ? "CidrIp" : "CidrIpv6", peer).put("Description", description(a));
      out.add(p);
    }
    return out;
  }
}
