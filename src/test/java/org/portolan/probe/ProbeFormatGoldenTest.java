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
 * Golden files for the three formats of one fixed report covering every state, checked with
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
    var entry = new EpmEndpoint(new UUID(0, 0), UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0, 0, "lsarpc",
        "ncacn_ip_tcp", OptionalInt.of(49154), Optional.of("198.18.10.10"), Optional.empty());
    return new ProbeReport(r, Map.of("198.18.10.10", List.of(entry)));
  }

  @ParameterizedTest
  @EnumSource(ProbeFormat.class)
  void rendersAsTheGoldenFileSays(ProbeFormat format) throws Exception {
    String ext = switch (format) {
      case TABLE -> "table.txt";
      case JSON -> "report.json";
      case JUNIT -> "junit.xml";
    };
    Golden.assertMatches(DIR.resolve(ext), format.render(report()));
  }
}
