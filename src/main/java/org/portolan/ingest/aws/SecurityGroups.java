package org.portolan.ingest.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Addrs;
import org.portolan.ingest.acl.LocatedJson;

/** AWS vendor records: security groups and their permissions, as describe-security-groups writes them. */
final class SecurityGroups {
  private SecurityGroups() {}

  record Doc(List<Group> groups, Map<String, Addrs> members) {}

  record Group(String id, String name, int line, List<Permission> ingress, List<Permission> egress) {}

  /** One IpPermissions entry: protocol ("-1" = all), port range (-1 = all; ICMP: type and code), and its peers. */
  record Permission(String protocol, Optional<Integer> from, Optional<Integer> to, List<Peer> peers, int line, String json) {}

  /** A CIDR (v4 or v6), a referenced group, or a prefix list. */
  record Peer(String kind, String value, String description) {}

  static Optional<Doc> parse(LocatedJson json, String file, Diagnostics d) {
    JsonNode root = json.root();
    JsonNode groups = root.isObject() ? root.get("SecurityGroups") : null;
    if (groups == null || !groups.isArray()) {
      d.error(json.at(root), "expected {\"SecurityGroups\": [...]} (the output of 'aws ec2 describe-security-groups')");
      return Optional.empty();
    }
    List<Group> out = new ArrayList<>();
    for (JsonNode g : groups) {
      SourcePosition at = json.at(g);
      if (!g.isObject() || AwsImporter.text(g, "GroupId").isEmpty()) { d.error(at, "a security group needs a \"GroupId\""); continue; }
      out.add(new Group(AwsImporter.text(g, "GroupId"), AwsImporter.text(g, "GroupName"), at.line(),
          permissions(json, g.get("IpPermissions"), file, d), permissions(json, g.get("IpPermissionsEgress"), file, d)));
    }
    Map<String, Addrs> members = new HashMap<>();
    JsonNode nics = root.get("NetworkInterfaces");
    if (nics != null && nics.isArray()) {
      for (JsonNode n : nics) {
        Addrs a = Addrs.NONE;
        for (JsonNode ip : n.path("PrivateIpAddresses")) a = a.union(Addrs.parse(AwsImporter.text(ip, "PrivateIpAddress")).orElse(Addrs.NONE));
        a = a.union(Addrs.parse(AwsImporter.text(n, "PrivateIpAddress")).orElse(Addrs.NONE));
        for (JsonNode ip : n.path("Ipv6Addresses")) a = a.union(Addrs.parse(AwsImporter.text(ip, "Ipv6Address")).orElse(Addrs.NONE));
        for (JsonNode grp : n.path("Groups")) members.merge(AwsImporter.text(grp, "GroupId"), a, Addrs::union);
      }
    }
    return Optional.of(new Doc(out, members));
  }

  private static List<Permission> permissions(LocatedJson json, JsonNode perms, String file, Diagnostics d) {
    List<Permission> out = new ArrayList<>();
    if (perms == null || perms.isNull()) return out;
    if (!perms.isArray()) { d.error(json.at(perms), "expected an array of permissions"); return out; }
    for (JsonNode p : perms) {
      SourcePosition at = json.at(p);
      if (!p.isObject() || !p.has("IpProtocol")) { d.error(at, "a permission needs \"IpProtocol\""); continue; }
      List<Peer> peers = new ArrayList<>();
      for (JsonNode r : p.path("IpRanges")) peers.add(new Peer("cidr", AwsImporter.text(r, "CidrIp"), AwsImporter.text(r, "Description")));
      for (JsonNode r : p.path("Ipv6Ranges")) peers.add(new Peer("cidr", AwsImporter.text(r, "CidrIpv6"), AwsImporter.text(r, "Description")));
      for (JsonNode r : p.path("UserIdGroupPairs")) peers.add(new Peer("group", AwsImporter.text(r, "GroupId"), AwsImporter.text(r, "Description")));
      for (JsonNode r : p.path("PrefixListIds")) peers.add(new Peer("prefix-list", AwsImporter.text(r, "PrefixListId"), AwsImporter.text(r, "Description")));
      out.add(new Permission(AwsImporter.text(p, "IpProtocol"), num(p, "FromPort"), num(p, "ToPort"), peers, at.line(), p.toString()));
    }
    return out;
  }

  private static Optional<Integer> num(JsonNode p, String f) {
    JsonNode x = p.get(f);
    return x != null && x.canConvertToInt() ? Optional.of(x.asInt()) : Optional.empty();
  }
}
