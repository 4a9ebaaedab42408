package org.portolan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Runs the CLI front door with string writers, as the tests of every stage do. */
public record Cli(int code, String out, String err) {
  public static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** A test resource as a file path. */
  public static Path resource(String name) {
    try {
      return Paths.get(Cli.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalArgumentException("no test resource " + name, e);
    }
  }
}
