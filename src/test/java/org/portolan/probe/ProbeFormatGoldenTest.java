package org.portolan.probe;


import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.portolan.rpc.EpmEndpoint;
import org.portolan.testing.Golden;

/**
 * Golden files for the formats of one fixed report covering every state, a 64-port sample of
 * a dynamic range and an endpoint-mapper annotation longer than a fixed column, checked with
 * {@link Golden}.
 */
class ProbeFormatGoldenTest {
  static final Path DIR = Path.of("src/test/resources/probe/format");

  static ProbeReport report() {
    List<ProbeResult> r = List.of(
        new ProbeResult("ad/dns/dc/udp", "client1", "198.18.10.10", "udp", OptionalInt.of(53), ProbeState.OPEN, OptionalDouble.of(0.42), "DNS answer (17 bytes)"),
        new ProbeResult("ad/rpc-epm/dc/tcp", "client1", "198.18.10.10", "tcp", OptionalInt.of(135), ProbeState.OPEN, OptionalDouble.of(0.3),
            "handshake completed; endpoint mapper: 1 entry, TCP ports 49154"),
        new ProbeResult("ad/rpc-dynamic/dc/tcp", "client1", "198.18.10.10", "tcp", OptionalInt.of(49154), ProbeState.CLOSED, OptionalDouble.of(0.25),
            "connection refused (RST or ICMP port unreachable); dynamic: verified via endpoint mapper (lsarpc); tcp 49152-65535 (16384 ports) not scanned"),
        new ProbeResult("ad/smb/dc/tcp", "client1", "198.18.10.10", "tcp", OptionalInt.of(445), ProbeState.FILTERED, OptionalDouble.empty(), "no answer within 1500 ms"),
        new ProbeResult("ad/kerberos/dc/udp", "client1", "198.18.10.10", "udp", OptionalInt.of(88), ProbeState.OPEN_FILTERED, OptionalDouble.empty(),
            "no Kerberos answer to 2 request(s) within 1500 ms"),
        new ProbeResult("zcm/patches/cdn/tcp", "client1", "patch.example.invalid", "tcp", OptionalInt.empty(), ProbeState.UNRESOLVED, OptionalDouble.empty(), "name does not resolve"),
        new ProbeResult("zcm/ping/server/icmp", "client1", "198.18.10.11", "icmp", OptionalInt.empty(), ProbeState.ERROR, OptionalDouble.empty(),
            "ICMP not probed: no ping command on PATH (Java cannot send raw ICMP) & <tags> \"quoted\""));
    List<ProbeResult> all = new java.util.ArrayList<>(r);
    String sample = "sample: lowest 64 ports of tcp 49152-65535 (16384 ports), range not scanned; no flow to tcp/135 of this host to ask its endpoint mapper";
    for (int p = 49152; p < 49152 + 64; p++)
      all.add(new ProbeResult("zcm/rpc-dynamic/server/tcp", "client1", "198.18.10.11", "tcp", OptionalInt.of(p),
          p == 49160 ? ProbeState.OPEN : ProbeState.FILTERED, p == 49160 ? OptionalDouble.of(0.5) : OptionalDouble.empty(),
          p == 49160 ? "handshake completed; " + sample : "no answer within 1500 ms; " + sample));
    var entry = new EpmEndpoint(new UUID(0, 0), UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0, 0, "lsarpc",
        "ncacn_ip_tcp", OptionalInt.of(49154), Optional.of("198.18.10.10"), Optional.empty());
    var standIn = new EpmEndpoint(new UUID(0, 0), UUID.fromString("12345778-1234-abcd-ef00-0123456789ac"), 1, 0, "portolan listen stand-in",
        "ncacn_ip_tcp", OptionalInt.of(49155), Optional.of("198.18.10.10"), Optional.empty());
    return new ProbeReport(all, Map.of("198.18.10.10", List.of(entry, standIn)));
  }

  @ParameterizedTest
  @EnumSource(ProbeFormat.class)
  void rendersAsTheGoldenFileSays(ProbeFormat format) throws Exception {
    String ext = switch (format) {
      case TABLE -> "table.txt";
      case DETAILS -> "details.txt";
      case JSON -> "report.json";
      case JUNIT -> "junit.xml";
    };
    Golden.assertMatches(DIR.resolve(ext), format.render(report()));
  }

  @org.junit.jupiter.api.Test
  void theSummaryHasOneLinePerFlowAndTheSampleIsOneLine() {
    String table = ProbeFormat.TABLE.render(report());
    List<String> sampled = table.lines().filter(l -> l.contains("zcm/rpc-dynamic/server/tcp")).toList();
    org.assertj.core.api.Assertions.assertThat(sampled).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(sampled.getFirst()).startsWith("mixed").contains("tcp/49152-49215", "63 filtered", "1 open");
    String details = ProbeFormat.DETAILS.render(report());
    // the 64 sampled ports: the filtered runs either side of the open port, and the open port
    org.assertj.core.api.Assertions.assertThat(details.lines().filter(l -> l.contains("zcm/rpc-dynamic/server/tcp")))
        .hasSize(3).anySatisfy(l -> org.assertj.core.api.Assertions.assertThat(l).contains("tcp/49161-49215 (55 ports)"));
  }

  @org.junit.jupiter.api.Test
  void theEndpointMapperListingKeepsItsColumnsApart() {
    String table = ProbeFormat.TABLE.render(report());
    org.assertj.core.api.Assertions.assertThat(table).doesNotContain("stand-inncacn").containsPattern("stand-in +ncacn_ip_tcp +198\\.18\\.10\\.10\\[49155\\]");
  }
}
