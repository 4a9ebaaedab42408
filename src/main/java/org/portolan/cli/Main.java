package org.portolan.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The front door. Only {@link #main} calls {@code System.exit}. */
@Command(
    name = "portolan",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Network connectivity requirements as code: from vendor port tables to a site's flow plan,",
      "firewall rules, ruleset verification, live probes and packet-trace diagnosis.",
      "",
      "Exit codes: 0 ok, 1 findings, 2 usage error, 3 invalid input, 4 runtime failure."
    },
    subcommands = {
      DemoCommand.class,
      CatalogCommand.class,
      PlanCommand.class,
      DocCommand.class,
      CompileCommand.class,
      VerifyCommand.class,
      ProbeCommand.class,
      ListenCommand.class,
      CaptureCommand.class,
      DiagramCommand.class,
      ReportCommand.class,
      ImportDocCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  static {
    // POI logs through the Log4j API; without a provider Log4j complains on stderr. Route it to
    // Log4j's own simple logger, switched off: Portolan reports through Diagnostics.
    if (System.getProperty("log4j2.loggerContextFactory") == null) {
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
      System.setProperty("org.apache.logging.log4j.simplelog.level", "OFF");
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see 'portolan --help'");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line with the given writers and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err));
    cl.setParameterExceptionHandler((ex, args1) -> {
      err.println("portolan: " + ex.getMessage());
      CommandLine c = ex.getCommandLine();
      err.println("Try 'portolan " + (c.getCommandName().equals("portolan") ? "" : qualifiedName(c) + " ") + "--help'.");
      return ExitCode.USAGE;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String qualifiedName(CommandLine c) {
    String name = c.getCommandName();
    CommandLine parent = c.getParent();
    while (parent != null && !parent.getCommandName().equals("portolan")) {
      name = parent.getCommandName() + " " + name;
      parent = parent.getParent();
    }
    return name;
  }

  static int handle(Exception ex, PrintWriter err) {
    return switch (ex) {
      case InvalidInputException iie -> {
        for (Diagnostic d : iie.diagnostics()) err.println(d.render());
        yield ExitCode.INVALID_INPUT;
      }
      case UsageException ue -> {
        err.println("portolan: " + ue.getMessage());
        yield ExitCode.USAGE;
      }
      case UncheckedIOException io -> {
        err.println("portolan: " + io.getMessage());
        yield ExitCode.RUNTIME;
      }
      default -> {
        err.println("portolan: internal error: " + ex);
        ex.printStackTrace(err);
        yield ExitCode.RUNTIME;
      }
    };
  }

  /** Version from the jar manifest (the build writes it), "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"portolan " + (v == null ? "dev" : v), "Java " + Runtime.version()};
    }
  }
}
