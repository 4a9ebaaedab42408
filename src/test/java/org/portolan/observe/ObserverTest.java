package org.portolan.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.plan.FlowPlan;

class ObserverTest {
  @TempDir Path dir;

  private static ObserveResult.FlowObservation flow(ObserveResult r, String name) {
    return r.flows().stream().filter(f -> f.flow().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void resultsAreTheSameWhateverTheChunkingAndTheWorkers() throws Exception {
    Path log = dir.resolve("vpc.log");
    ObserveTestLogs.vpc(log, 20_000, 997, 7, false);
    FlowPlan plan = ObserveTestLogs.plan();
    Observer.Options base = Observer.Options.defaults();
    String one = ObserveJson.write(Observer.observe(List.of(log), plan, base.withWorkers(1, 1 << 20)));
    for (int[] w : new int[][] {{2, 64}, {2, 4096}, {3, 777}, {4, 1 << 16}})
      assertThat(ObserveJson.write(Observer.observe(List.of(log), plan, base.withWorkers(w[0], w[1]))))
          .as("%d workers, %d-byte chunks", w[0], w[1]).isEqualTo(one);
    ObserveResult r = Observer.observe(List.of(log), plan, base);
    assertThat(r.stats().malformed()).isEqualTo(20_000 / 997);
    assertThat(r.malformed()).hasSize(Aggregate.MALFORMED_KEPT);
    assertThat(r.malformed().getFirst().line()).isEqualTo(997);
    // the first malformed line starts where 996 lines end
    byte[] bytes = Files.readAllBytes(log);
    int nl = 0, at = 0;
    while (nl < 996) if (bytes[at++] == '\n') nl++;
    assertThat(r.malformed().getFirst().offset()).isEqualTo(at);
  }

  @Test
  void perRequirementWorkingDeniedNotSeenAndTheUnexplained() throws Exception {
    Path log = dir.resolve("vpc.log.gz");
    ObserveTestLogs.vpc(log, 5_000, 0, 3, true);
    ObserveResult r = Observer.observe(List.of(log), ObserveTestLogs.plan(), Observer.Options.defaults());
    assertThat(r.inputs()).extracting(ObserveResult.Input::format).containsExactly("vpc");
    assertThat(flow(r, "web").status()).isEqualTo(ObserveResult.Status.WORKING);
    assertThat(flow(r, "web").replies()).isPositive();
    assertThat(flow(r, "dns").status()).isEqualTo(ObserveResult.Status.WORKING);
    assertThat(flow(r, "rpc-dynamic").status()).isEqualTo(ObserveResult.Status.WORKING);
    assertThat(flow(r, "ldap").status()).isEqualTo(ObserveResult.Status.NOT_SEEN);
    ObserveResult.FlowObservation ssh = flow(r, "ssh");
    assertThat(ssh.status()).isEqualTo(ObserveResult.Status.DENIED);
    assertThat(ssh.denials()).singleElement().satisfies(d -> assertThat(d.device()).isEqualTo("eni-1"));
    assertThat(ssh.evidence()).hasSize(5).allSatisfy(e -> assertThat(e.dstPort()).isEqualTo(22));
    assertThat(r.unexplained()).extracting(c -> c.proto() + "/" + c.port()).contains("tcp/3389", "tcp/23");
    assertThat(r.unexplained()).filteredOn(c -> c.port() == 23).allSatisfy(c -> assertThat(c.src()).endsWith("/24 (not in the site)"));
    // named as the site names them: the smallest endpoint of the plan containing the source
    assertThat(r.unexplained()).filteredOn(c -> c.port() == 3389).extracting(ObserveResult.Candidate::src)
        .containsExactlyInAnyOrder("198.18.1.0/24", "198.18.1.5");
    assertThat(r.hasFindings()).isTrue();
    String draft = DraftCatalog.write(r, "Example");
    assertThat(draft).contains("services: [tcp/3389]").contains("# REVIEW:");
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("src/main/resources/schemas/observe-result.schema.json")));
    assertThat(schema.validate(new ObjectMapper().readTree(ObserveJson.write(r)))).as("schema violations").isEmpty();
  }

  @Test
  void aWindowKeepsOnlyOverlappingRecordsAndCountsTheRest() throws Exception {
    Path log = dir.resolve("vpc.log");
    ObserveTestLogs.vpc(log, 2_400, 0, 5, false); // one record every 36 s over 2025-12-01
    Window w = Window.of(Instant.parse("2025-12-01T06:00:00Z"), Instant.parse("2025-12-01T12:00:00Z"));
    ObserveResult r = Observer.observe(List.of(log), ObserveTestLogs.plan(), Observer.Options.defaults().withWindow(w));
    assertThat(r.stats().outsideWindow()).isBetween(1790L, 1810L);
    assertThat(Instant.ofEpochMilli(r.stats().first())).isAfterOrEqualTo(Instant.parse("2025-12-01T05:59:00Z"));
    assertThat(Instant.ofEpochMilli(r.stats().last())).isBefore(Instant.parse("2025-12-01T12:01:01Z"));
  }

  @Test
  void aFileOfNoKnownFormatIsRefusedByName() throws Exception {
    Path log = dir.resolve("what.txt");
    Files.writeString(log, "hello\nworld\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Observer.observe(List.of(log), ObserveTestLogs.plan(), Observer.Options.defaults()))
        .isInstanceOf(Observer.UnreadableLogException.class).hasMessageContaining("what.txt").hasMessageContaining("--log-format");
  }

  @Test
  void aCollectorOnALoopbackPortReadsV5V9AndIpfixExports() throws Exception {
    ExportPackets.Flow web = new ExportPackets.Flow(ExportPackets.v4("198.18.1.7"), ExportPackets.v4("198.18.2.10"), 40000, 443, 6, 0x1B, 10, 900);
    ExportPackets.Flow ssh = new ExportPackets.Flow(ExportPackets.v4("198.18.1.5"), ExportPackets.v4("198.18.2.10"), 40001, 22, 6, 0x02, 3, 180);
    try (DatagramSocket collector = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DatagramSocket exporter = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      long now = Instant.now().getEpochSecond();
      for (byte[] p : List.of(ExportPackets.v5(now, web), ExportPackets.v9(now, true, ssh), ExportPackets.ipfix(now, true, web, ssh)))
        exporter.send(new DatagramPacket(p, p.length, collector.getLocalSocketAddress()));
      ObserveResult r = Observer.observe(List.of(), List.of(new Collector(collector, Duration.ofSeconds(20), 3)), ObserveTestLogs.plan(),
          Observer.Options.defaults());
      assertThat(r.stats().records()).isEqualTo(4);
      assertThat(flow(r, "web").status()).isEqualTo(ObserveResult.Status.WORKING);
      assertThat(flow(r, "ssh").status()).isEqualTo(ObserveResult.Status.SEEN); // SYN only: no verdict in NetFlow
      assertThat(r.inputs()).singleElement().satisfies(i -> assertThat(i.name()).startsWith("udp:127.0.0.1:"));
    }
  }

  @Test
  void parquetGivesTheSameAttributionAsTheSameRecordsInText() throws Exception {
    Path parquet = dir.resolve("flows.parquet"), text = dir.resolve("flows.log");
    ObserveTestLogs.vpcParquet(parquet, 3_000, 11);
    ObserveTestLogs.vpc(text, 3_000, 0, 11, false);
    ObserveResult p = Observer.observe(List.of(parquet), ObserveTestLogs.plan(), Observer.Options.defaults());
    ObserveResult t = Observer.observe(List.of(text), ObserveTestLogs.plan(), Observer.Options.defaults());
    assertThat(p.inputs()).extracting(ObserveResult.Input::format).containsExactly("vpc-parquet");
    assertThat(p.stats().records()).isEqualTo(3_000);
    assertThat(p.flows()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("evidence").isEqualTo(t.flows());
    assertThat(p.unexplained()).extracting(ObserveResult.Candidate::records).isEqualTo(t.unexplained().stream().map(ObserveResult.Candidate::records).toList());
  }
}
