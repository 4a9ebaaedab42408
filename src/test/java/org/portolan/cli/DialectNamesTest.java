package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.compile.Dialects;
import org.portolan.diag.ExitCode;
import org.portolan.ingest.RulesetImporter;
import org.portolan.schema.SchemaValidator;
import org.portolan.testing.Cli;

/** One name per dialect: the deployment, compile --dialect and verify --ruleset-format agree. */
class DialectNamesTest {
  @TempDir Path dir;

  @Test
  void theDeploymentSchemaNamesExactlyTheCompileDialects() throws Exception {
    var schema = new ObjectMapper().readTree(SchemaValidator.schemaText(SchemaValidator.DEPLOYMENT));
    List<String> names = new ArrayList<>();
    schema.findValue("firewalls").findValue("dialect").path("enum").forEach(n -> names.add(n.asText()));
    assertThat(names).containsExactlyInAnyOrderElementsOf(Dialects.names());
  }

  @Test
  void verifyTakesTheCompileNamesOfTheDialectsItReads() {
    assertThat(RulesetImporter.Format.parse("nftables")).contains(RulesetImporter.Format.NFT);
    assertThat(RulesetImporter.Format.parse("iptables")).contains(RulesetImporter.Format.IPTABLES);
    assertThat(RulesetImporter.Format.parse("asa")).contains(RulesetImporter.Format.ASA);
    assertThat(RulesetImporter.Format.parse("aws-sg")).contains(RulesetImporter.Format.AWS);
  }

  @Test
  void aWrongDialectNameInTheDeploymentIsLocated() throws Exception {
    String site = Files.readString(Path.of("examples/site.yaml"));
    int at = site.indexOf("dialect: nftables");
    assertThat(at).as("the example site names nftables somewhere").isPositive();
    String bad = site.substring(0, at) + "dialect: nft" + site.substring(at + "dialect: nftables".length());
    Path f = dir.resolve("site.yaml");
    Files.writeString(f, bad);
    int line = (int) bad.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    Cli r = Cli.run("plan", f.toString());
    assertThat(r.code()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(r.err()).contains(f + ":" + line + ":").contains("dialect").contains("nftables");
  }
}
