package org.portolan.compile.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.portolan.compile.Placement;
import org.portolan.compile.Reasons;
import org.portolan.compile.Rule;
import org.portolan.compile.RuleSet;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

/**
 * The aws-sg output as the EC2 API takes it: each call's input holds only the members the API
 * documents (CreateSecurityGroup, AuthorizeSecurityGroupIngress/Egress, IpPermission,
 * IpRange, Ipv6Range), and every description is within 255 characters of the allowed set.
 */
class AwsSecurityGroupTest {
  static final Map<String, Set<String>> MEMBERS = Map.of(
      "CreateSecurityGroup", Set.of("GroupName", "Description", "VpcId", "TagSpecifications", "DryRun"),
      "AuthorizeSecurityGroupIngress", Set.of("GroupId", "GroupName", "IpPermissions", "TagSpecifications", "DryRun"),
      "AuthorizeSecurityGroupEgress", Set.of("GroupId", "IpPermissions", "TagSpecifications", "DryRun"));
  static final Set<String> PERMISSION = Set.of("IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs");
  static final Set<String> RANGE = Set.of("CidrIp", "CidrIpv6", "Description");
  static final String DESCRIPTION = "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{0,255}";

  static void assertApiShaped(JsonNode root, String what) {
    assertThat(root.get("SecurityGroups")).as(what).isNotEmpty();
    for (JsonNode g : root.get("SecurityGroups")) {
      assertThat(g.has("CreateSecurityGroup")).as(what).isTrue();
      for (var call : MEMBERS.entrySet()) {
        JsonNode input = g.get(call.getKey());
        if (input == null) continue;
        input.fieldNames().forEachRemaining(k -> assertThat(call.getValue()).as("%s: %s member", what, call.getKey()).contains(k));
        for (JsonNode p : input.path("IpPermissions")) {
          p.fieldNames().forEachRemaining(k -> assertThat(PERMISSION).as("%s: IpPermission member", what).contains(k));
          for (String ranges : List.of("IpRanges", "Ipv6Ranges"))
            for (JsonNode r : p.path(ranges)) {
              r.fieldNames().forEachRemaining(k -> assertThat(RANGE).as("%s: range member", what).contains(k));
              assertThat(r.path("Description").asText()).as(what).matches(DESCRIPTION);
            }
        }
      }
      assertThat(g.get("CreateSecurityGroup").path("Description").asText()).as(what).matches(DESCRIPTION).isNotEmpty();
      assertThat(g.get("CreateSecurityGroup").path("GroupName").asText()).as(what).matches(DESCRIPTION).doesNotStartWith("sg-");
    }
  }

  @Test
  void everyGoldenFileIsWhatTheApiTakes() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(Path.of("src/test/resources/compile"))) {
      files = s.filter(p -> p.toString().endsWith(".aws-sg.json")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) assertApiShaped(new ObjectMapper().readTree(f.toFile()), f.toString());
  }

  @Test
  void longAndHostileReferencesStayWithinTheDescriptionLimits() throws Exception {
    List<String> refs = IntStream.rangeClosed(1, 40).mapToObj(i -> "vendor/requirement-" + i + " \u00e9t\u00e9 \"q\" <x> ~%").toList();
    var src = NftablesTest.side("clients", "198.18.20.0/24");
    var dst = NftablesTest.side("server", "198.18.10.5");
    Rule in = new Rule(new Placement.Inbound(), src, dst, new Protocol.Tcp(), PortSet.of(443), true, new Reasons(refs, refs, List.of("p"), List.of("x")));
    Rule out = new Rule(new Placement.Outbound(), dst, src, new Protocol.Udp(), PortSet.of(53), true, new Reasons(refs, refs, List.of("p"), List.of("x")));
    RuleSet rs = new RuleSet("server", "site", "server", RuleSet.Kind.HOST, List.of(in, out), List.of(), List.of());
    JsonNode root = new ObjectMapper().readTree(new String(new AwsSecurityGroup().render(rs).getFirst().content(), StandardCharsets.UTF_8));
    assertApiShaped(root, "hostile");
    String d = root.at("/SecurityGroups/0/AuthorizeSecurityGroupIngress/IpPermissions/0/IpRanges/0/Description").asText();
    assertThat(d).startsWith("vendor/requirement-1 ").endsWith(" more");
    assertThat(root.at("/SecurityGroups/0/AuthorizeSecurityGroupEgress/IpPermissions/0/IpProtocol").asText()).isEqualTo("udp");
  }
}
