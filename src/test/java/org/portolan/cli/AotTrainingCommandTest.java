package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each command's AOT training runs that command for real: every step ends with 0 (ok) or 1
 * (findings), never a usage error or invalid input, which would record the error path's classes
 * instead of the command's; and every step runs the command it trains.
 */
class AotTrainingCommandTest {
  @TempDir Path dir;

  static List<String> trained() {
    return AotTrainingCommand.TRAINED;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trained")
  void everyStepRunsItsCommandWithoutError(String command) throws Exception {
    Path work = Files.createDirectories(dir.resolve(command));
    try (AotTrainingCommand.Training training = AotTrainingCommand.training(command, work)) {
      runs(command, training.steps());
    }
  }

  private static void runs(String command, List<List<String>> steps) {
    assertThat(steps).isNotEmpty();
    String first = switch (command) {
      case "version" -> "--version";
      case "help" -> "--help";
      case "capture-plan" -> "capture";
      default -> command;
    };
    assertThat(steps).as("steps that run %s", command).anyMatch(s -> s.getFirst().equals(first));
    for (List<String> step : steps) {
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), step.toArray(String[]::new));
      assertThat(code).as("%s: %s", step, err).isIn(0, 1);
    }
  }

  /**
   * verify's training takes the path of bench/verify.sh as well: a ruleset against a flows CSV,
   * no deployment, JSON written to a file; and that run verifies the flows (a JSON result with
   * them), so the CSV reader, the import thread and the streamed JSON writer are in the cache.
   */
  @Test
  void verifysTrainingRunsARulesetAgainstAFlowsCsvIntoAFile() throws Exception {
    try (AotTrainingCommand.Training training = AotTrainingCommand.training("verify", dir)) {
      List<String> csvStep = training.steps().stream()
          .filter(s -> s.getFirst().equals("verify") && s.contains("--flows") && s.contains("-o")).findFirst().orElseThrow();
      assertThat(csvStep).contains("--ruleset").doesNotContain("--firewall");
      for (List<String> step : training.steps()) Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), step.toArray(String[]::new));
      JsonNode out = new ObjectMapper().readTree(Path.of(csvStep.get(csvStep.indexOf("-o") + 1)).toFile());
      assertThat(out.get("flows")).isNotEmpty();
    }
  }

  /**
   * Probe's training probes only the sockets it opened itself on 127.0.0.1 (never another
   * address, never a port it does not hold or held), and reaches open, closed and silent answers.
   */
  @Test
  void probesTrainingProbesOnlyItsOwnLoopbackSockets() throws Exception {
    try (AotTrainingCommand.Training training = AotTrainingCommand.training("probe", dir)) {
      LoopbackTargets targets = training.targets().orElseThrow();
      Set<String> flowFiles = new HashSet<>();
      for (List<String> step : training.steps()) {
        assertThat(step.getFirst()).isEqualTo("probe");
        flowFiles.add(step.get(step.indexOf("--flows") + 1));
      }
      assertThat(flowFiles).hasSize(1);
      FlowPlan plan = FlowsCsv.read(Path.of(flowFiles.iterator().next()), new Diagnostics());
      assertThat(plan.flows()).hasSizeGreaterThan(10);
      for (Flow f : plan.flows()) {
        assertThat(f.destinations()).as(f.name()).hasSize(1);
        assertThat(f.destinations().getFirst()).as(f.name()).isInstanceOfSatisfying(Endpoint.Addresses.class,
            a -> assertThat(a.notation()).isEqualTo("127.0.0.1"));
        assertThat(f.ports().ranges()).as(f.name()).allSatisfy(r -> {
          assertThat(r.from()).isEqualTo(r.to());
          assertThat(targets.ports()).contains(r.from());
        });
      }
      List<String> json = training.steps().stream().filter(s -> s.contains("json")).findFirst().orElseThrow();
      assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), json.toArray(String[]::new))).isEqualTo(1);
      Map<String, Long> states = new TreeMap<>();
      for (JsonNode p : new ObjectMapper().readTree(Path.of(json.getLast()).toFile()).get("probes"))
        states.merge(p.get("proto").asText() + " " + p.get("state").asText(), 1L, Long::sum);
      assertThat(states).containsExactlyEntriesOf(new TreeMap<>(Map.of("tcp open", 32L, "tcp closed", 8L,
          "udp open", 2L, "udp open_filtered", 2L, "udp closed", 2L)));
    }
  }
}
