package org.portolan.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.testing.Cli;

/** results merge and the site result it shares with fleet probe, driven through the CLI. */
class SiteResultTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  Path file(String name, String json) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, json);
    return p;
  }

  static final String WEB1 = """
      {"started_at": "2026-12-01T10:00:00Z", "finished_at": "2026-12-01T10:00:02.500Z",
       "probes": [{"name": "shop/app-api/app/tcp", "src": "web1", "dst": "198.18.72.15", "proto": "tcp", "port": 9000,
                   "state": "open", "rtt_ms": 0.2, "detail": "handshake completed"}]}
      """;
  static final String CLIENT1_NO_TIMES = """
      {"probes": [{"name": "shop/https/web/tcp", "src": "client1", "dst": "198.18.71.13", "proto": "tcp", "port": 443,
                   "state": "filtered", "rtt_ms": null, "detail": "no answer within 1000 ms"}]}
      """;
  static final String EARLIER = """
      {"hosts": [{"host": "db9", "status": "not probed", "reason": "host unreachable: Connection refused"}],
       "not_probed": [{"host": "db9", "reason": "host unreachable: Connection refused", "flows": ["shop/db-sql/db/tcp"]}],
       "probes": []}
      """;

  @Test
  void mergesHostsWithWhoProbedEachFlowAndWhenAndKeepsTheHostsNotProbed() throws Exception {
    Path out = dir.resolve("site.json");
    Cli r = Cli.run("results", "merge", file("web1.json", WEB1).toString(), file("client1.json", CLIENT1_NO_TIMES).toString(),
        file("earlier.json", EARLIER).toString(), "--site", "Shop", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode site = JSON.readTree(out.toFile());
    assertThat(site.path("site").asText()).isEqualTo("Shop");
    JsonNode probes = site.path("probes");
    assertThat(probes).hasSize(2);
    assertThat(probes.get(0).path("host").asText()).isEqualTo("web1");
    assertThat(probes.get(0).path("probed_at").asText()).isEqualTo("2026-12-01T10:00:02.500Z");
    // a file that does not say when: null, never a guess
    assertThat(probes.get(1).path("host").asText()).isEqualTo("client1");
    assertThat(probes.get(1).path("probed_at").isNull()).isTrue();
    assertThat(probes.get(1).path("state").asText()).isEqualTo("filtered");
    List<String> statuses = site.path("hosts").findValuesAsText("status");
    assertThat(site.path("hosts").findValuesAsText("host")).containsExactly("web1", "client1", "db9");
    assertThat(statuses).containsExactly("probed", "probed", "not probed");
    assertThat(site.path("not_probed")).hasSize(1);
    assertThat(site.path("not_probed").get(0).path("flows").get(0).asText()).isEqualTo("shop/db-sql/db/tcp");
    assertThat(site.path("hosts").get(0).path("not_open").asInt()).isZero();
    assertThat(site.path("hosts").get(1).path("not_open").asInt()).isEqualTo(1);

    // merging the merged result again changes nothing about who probed what
    Path again = dir.resolve("again.json");
    assertThat(Cli.run("results", "merge", out.toString(), "-o", again.toString()).code()).isZero();
    JsonNode twice = JSON.readTree(again.toFile());
    assertThat(twice.path("probes")).isEqualTo(site.path("probes"));
    assertThat(twice.path("not_probed")).isEqualTo(site.path("not_probed"));
  }

  @Test
  void aFileThatIsNotAProbeResultIsInvalidInputNamingItsPath() throws Exception {
    Path bad = file("bad.json", "{\"probes\": [{\"name\": \"x\", \"state\": \"blocked\"}]}");
    Cli r = Cli.run("results", "merge", bad.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("bad.json").contains("$.probes[0].state");
  }
}
