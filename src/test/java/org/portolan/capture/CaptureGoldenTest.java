package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.portolan.testing.Cli;
import org.portolan.testing.Golden;

/**
 * Golden files: each folder under src/test/resources/capture/ holds a committed real capture
 * ({@code input.pcap} or {@code input.pcapng}, made by CaptureNamespaceTest), a
 * {@code flows.csv}, and the expected CLI output {@code expected.json} and
 * {@code expected.txt}, checked with {@link Golden}.
 */
class CaptureGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/capture");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> s = Files.list(ROOT)) {
      return s.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  static Path input(Path dir) {
    Path pcap = dir.resolve("input.pcap");
    return Files.exists(pcap) ? pcap : dir.resolve("input.pcapng");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void jsonMatchesGoldenAndSchema(Path dir) throws IOException {
    Cli r = Cli.run("capture", input(dir).toString(), "--flows", dir.resolve("flows.csv").toString(), "--format", "json");
    assertThat(r.err()).isEmpty();
    var node = new ObjectMapper().readTree(r.out());
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(Files.readString(Path.of("src/main/resources/schemas/capture-result.schema.json")));
    assertThat(schema.validate(node)).as("schema violations").isEmpty();
    boolean failing = node.get("flows").findValuesAsText("status").contains("failing");
    assertThat(r.code()).isEqualTo(failing ? 1 : 0);
    Golden.assertMatches(dir.resolve("expected.json"), r.out());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tableMatchesGolden(Path dir) throws IOException {
    Golden.assertMatches(dir.resolve("expected.txt"), Cli.run("capture", input(dir).toString(), "--flows", dir.resolve("flows.csv").toString()).out());
  }

}
