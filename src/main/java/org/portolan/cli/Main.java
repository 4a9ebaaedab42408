package org.portolan.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.Timing;
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
    Timing.mark("main");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    Timing.mark("exit");
    System.exit(code);
  }

  /** Runs one command line with the given writers and returns its exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Answered before picocli starts: building its command spec by reflection is most of a
      // cold --version even with its classes in the AOT cache (BENCHMARKS.md, Start-up).
      for (String line : versionLines()) out.println(line);
      return ExitCode.OK;
    }
    CommandLine cl = new CommandLine(new Main());
    addSubcommands(cl, args);
    reflow(cl);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    Timing.mark("picocli");
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, err));
    cl.setParameterExceptionHandler((ex, args1) -> {
      err.println("portolan: " + ex.getMessage());
      CommandLine c = ex.getCommandLine();
      err.println("Try 'portolan " + (c.getCommandName().equals("portolan") ? "" : qualifiedName(c) + " ") + "--help'.");
      return ExitCode.USAGE;
    });
    int code = guarded(() -> cl.execute(args), err);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The commands in the order --help lists them. Made on demand: picocli reflects over every
   * command object it is given, loading the types of its fields (POI, Jackson, IPAddress...),
   * which cost a cold {@code --version} or {@code plan} a third of its class loading.
   */
  private static final java.util.List<String> COMMANDS = java.util.List.of("demo", "catalog", "plan", "doc", "compile",
      "verify", "change", "probe", "listen", "fleet", "results", "capture", "observe", "diagram", "report", "import-doc", "aot-training");

  /** A switch, not a map of constructor references, so only the command run is loaded. */
  private static Object command(String name) {
    return switch (name) {
      case "demo" -> new DemoCommand();
      case "catalog" -> new CatalogCommand();
      case "plan" -> new PlanCommand();
      case "doc" -> new DocCommand();
      case "compile" -> new CompileCommand();
      case "verify" -> new VerifyCommand();
      case "change" -> new ChangeCommand();
      case "probe" -> new ProbeCommand();
      case "listen" -> new ListenCommand();
      case "fleet" -> new FleetCommand();
      case "results" -> new ResultsCommand();
      case "capture" -> new CaptureCommand();
      case "observe" -> new ObserveCommand();
      case "diagram" -> new DiagramCommand();
      case "report" -> new ReportCommand();
      case "import-doc" -> new ImportDocCommand();
      case "aot-training" -> new AotTrainingCommand();
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Only the command named first when there is one ({@code portolan plan ...}), none for
   * {@code --version}, every command otherwise (help, a mistyped name's suggestions).
   */
  private static void addSubcommands(CommandLine cl, String[] args) {
    String first = args.length == 0 ? "" : args[0];
    if (COMMANDS.contains(first)) {
      cl.addSubcommand(first, command(first));
      return;
    }
    if (first.equals("--version") || first.equals("-V")) return;
    for (String name : COMMANDS) cl.addSubcommand(name, command(name));
    cl.addSubcommand("help", new CommandLine.HelpCommand());
  }

  /**
   * The JVM's own limits as exit codes with one line each, never a stack trace under the
   * "findings" code: out of memory is a runtime failure (4), an exhausted stack comes from input
   * nested deeper than any reader can follow (3).
   */
  static int guarded(java.util.function.IntSupplier command, PrintWriter err) {
    try {
      return command.getAsInt();
    } catch (OutOfMemoryError e) {
      err.println("portolan: out of memory (the JVM's limit is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " MiB): give it more with PORTOLAN_JAVA_OPTS=-Xmx8g, or split the input");
      return ExitCode.RUNTIME;
    } catch (StackOverflowError e) {
      err.println("portolan: the input is nested too deeply to read (stack exhausted); flatten it or split it");
      return ExitCode.INVALID_INPUT;
    }
  }

  /**
   * Descriptions are written as source lines; picocli prints each element on its own line and
   * wraps it, which leaves ragged half-lines. Join the lines of each paragraph (paragraphs are
   * separated by an empty element) so picocli wraps whole paragraphs.
   */
  private static void reflow(CommandLine cl) {
    var usage = cl.getCommandSpec().usageMessage();
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    for (String line : usage.description()) {
      if (line.isBlank()) {
        if (!paragraph.isEmpty()) out.add(paragraph.toString());
        paragraph.setLength(0);
        out.add("");
      } else {
        if (!paragraph.isEmpty()) paragraph.append(' ');
        paragraph.append(line.strip());
      }
    }
    if (!paragraph.isEmpty()) out.add(paragraph.toString());
    usage.description(out.toArray(String[]::new));
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
    cl.getSubcommands().values().forEach(Main::reflow);
  }

  /** One line per command for the top-level command list; each command's own --help says the rest. */
  private static final java.util.Map<String, String> SUMMARIES = java.util.Map.ofEntries(
      java.util.Map.entry("demo", "Run the whole loop on the bundled example site; results in a folder."),
      java.util.Map.entry("catalog", "List, show, validate and diff catalog entries."),
      java.util.Map.entry("plan", "Resolve a deployment into concrete flows, each traced to its requirement."),
      java.util.Map.entry("doc", "Port tables per component, like the vendors' \"ports used by\" pages."),
      java.util.Map.entry("compile", "Least-privilege firewall rules for a site, in 14 dialects."),
      java.util.Map.entry("verify", "Check an existing ruleset, exactly, against the required flows."),
      java.util.Map.entry("change", "The smallest change to an existing ruleset that makes the flows work."),
      java.util.Map.entry("probe", "Test, from this host, every flow it must be able to open."),
      java.util.Map.entry("listen", "Stand in for a product before go-live: listen where it will."),
      java.util.Map.entry("fleet", "Probe and listen from every host of a site at once, through Ansible."),
      java.util.Map.entry("results", "Merge probe results from many hosts into one site result."),
      java.util.Map.entry("capture", "Diagnose a pcap/pcapng trace: which required flows failed, and why."),
      java.util.Map.entry("observe", "Flow logs and firewall logs against the required flows: working, denied, not seen."),
      java.util.Map.entry("diagram", "Connection diagrams (DOT, SVG, Mermaid), coloured by results."),
      java.util.Map.entry("report", "A self-contained HTML report and an XLSX workbook for change boards."),
      java.util.Map.entry("import-doc", "Draft a catalog entry from a vendor's port document."),
      java.util.Map.entry("help", "Show the help of a command."));

  private static String commandList(CommandLine.Help help) {
    var table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
        new CommandLine.Help.Column(14, 2, CommandLine.Help.Column.Overflow.SPAN),
        new CommandLine.Help.Column(help.commandSpec().usageMessage().width() - 14, 2, CommandLine.Help.Column.Overflow.WRAP));
    for (var e : help.subcommands().entrySet()) {
      String[] d = e.getValue().commandSpec().usageMessage().description();
      String first = d.length == 0 ? "" : d[0];
      int sentence = first.indexOf(". ");
      String summary = help.commandSpec().parent() == null ? SUMMARIES.get(e.getKey()) : null;
      table.addRowValues(e.getKey(), summary != null ? summary : sentence < 0 ? first : first.substring(0, sentence + 1));
    }
    return table.toString();
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
      return versionLines();
    }
  }

  static String[] versionLines() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"portolan " + (v == null ? "dev" : v), "Java " + Runtime.version()};
  }
}
