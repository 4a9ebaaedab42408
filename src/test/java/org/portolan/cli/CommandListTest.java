package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * Main makes only the command named (not from an annotation): every top-level command class of
 * this package that no other command lists as its subcommand must be in Main's list and run.
 */
class CommandListTest {
  @Test
  void everyTopLevelCommandClassIsReachable() throws Exception {
    Path dir = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("org/portolan/cli");
    Set<Class<?>> commands = new HashSet<>();
    Set<Class<?>> nested = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        Class<?> c = Class.forName("org.portolan.cli." + f.getFileName().toString().replace(".class", "").replace('/', '.'), false, Main.class.getClassLoader());
        Command a = c.getAnnotation(Command.class);
        if (a == null || c == Main.class) continue;
        nested.addAll(Set.of(a.subcommands()));
        if (c.getEnclosingClass() == null) commands.add(c);
      }
    }
    commands.removeAll(nested);
    assertThat(commands).hasSizeGreaterThan(10);
    for (Class<?> c : commands) {
      Command a = c.getAnnotation(Command.class);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out), new PrintWriter(err), a.name(), "--help");
      // an unknown name followed by --help prints the top-level help (exit 0); a known command
      // prints its own, or, without the help options, refuses --help (exit 2)
      if (a.mixinStandardHelpOptions()) {
        assertThat(code).as(a.name()).isZero();
        assertThat(out.toString()).as(a.name()).contains("Usage: portolan " + a.name());
      } else {
        assertThat(code).as(a.name()).isEqualTo(2);
        assertThat(err.toString()).as(a.name()).contains("--help");
      }
    }
  }
}
