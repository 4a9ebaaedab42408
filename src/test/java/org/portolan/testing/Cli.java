package org.portolan.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.portolan.cli.Main;

/**
 * The one CLI driver of the tests: {@link #run} calls the CLI front door ({@code Main.run})
 * in this JVM with string writers and returns exit code, standard output and standard error;
 * {@link #command} is the same CLI as a separate Java process (for a {@link Lab} host, where
 * the command must run inside a namespace).
 *
 * @param code the exit code (0 ok, 1 findings, 2 usage, 3 invalid input, 4 runtime)
 */
public record Cli(int code, String out, String err) {
  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** As {@link #run(String...)}. */
  public static Cli run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  /** A Java command line running Portolan's CLI with this test's class path (small heap, quick start). */
  public static String[] command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd.toArray(String[]::new);
  }

  /** A test resource (under src/test/resources) as a file path. */
  public static Path resource(String name) {
    try {
      return Paths.get(Cli.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalArgumentException("no test resource " + name, e);
    }
  }
}
