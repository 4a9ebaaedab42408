package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    List<List<String>> steps = AotTrainingCommand.steps(command, work);
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
}
