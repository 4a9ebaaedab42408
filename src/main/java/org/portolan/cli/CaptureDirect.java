package org.portolan.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.portolan.capture.CaptureAnalysis;
import org.portolan.capture.CaptureFormatException;
import org.portolan.capture.CaptureJson;
import org.portolan.capture.CaptureResult;
import org.portolan.capture.CaptureTable;
import org.portolan.diag.ExitCode;
import org.portolan.diag.InvalidInputException;
import org.portolan.diag.SourcePosition;
import org.portolan.plan.FlowPlan;

/**
 * The capture command's work, and its plain command lines answered before picocli starts.
 *
 * <p>Why a second reading of the arguments: picocli's classes are compiled for Java 5, which the
 * JDK's AOT cache cannot hold, so a cold {@code capture} spent about 0.17 s of CPU loading and
 * interpreting them (BENCHMARKS.md, "Capture: the whole process near its limit"), a quarter of a
 * 1 GB capture's whole process. Only the exact forms {@code capture FILE [DEPLOYMENT]
 * [--flows FLOWS.csv] [--format table|json]} of an existing FILE are read here, with the same
 * meaning as {@link CaptureCommand}'s picocli options; every other command line (help, an
 * unknown option, {@code --catalog}, an {@code @argfile}, a missing file, a bad value) goes to
 * picocli, which gives its usual answer and message.
 */
final class CaptureDirect {
  private CaptureDirect() {}

  /** The exit code when {@code args} is a plain capture command line, run here; null when picocli must read it. */
  static Integer tryRun(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length < 2 || !args[0].equals("capture")) return null;
    List<String> positional = new ArrayList<>(2);
    Path flows = null;
    CaptureCommand.Format format = CaptureCommand.Format.table;
    boolean formatSeen = false;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String value;
      if (a.equals("--format") || a.equals("--flows")) {
        if (i + 1 >= args.length) return null;
        value = args[++i];
      } else if (a.startsWith("--format=") || a.startsWith("--flows=")) {
        value = a.substring(a.indexOf('=') + 1);
        a = a.substring(0, a.indexOf('='));
      } else if (plain(a)) {
        positional.add(a);
        continue;
      } else {
        return null;
      }
      if (!plain(value)) return null;
      if (a.equals("--format")) {
        if (formatSeen) return null;
        formatSeen = true;
        switch (value.toLowerCase(Locale.ROOT)) {
          case "json" -> format = CaptureCommand.Format.json;
          case "table" -> format = CaptureCommand.Format.table;
          default -> {
            return null;
          }
        }
      } else {
        if (flows != null) return null;
        flows = Path.of(value);
      }
    }
    if (positional.isEmpty() || positional.size() > 2) return null;
    Path file = Path.of(positional.get(0));
    if (!Files.isRegularFile(file)) return null;
    Path deployment = positional.size() == 2 ? Path.of(positional.get(1)) : null;
    Path flowsFile = flows;
    CaptureCommand.Format f = format;
    return Main.guarded(() -> {
      try {
        return run(file, deployment, flowsFile, List.of(), f, out);
      } catch (RuntimeException e) {
        return Main.handle(e, err);
      }
    }, err);
  }

  /** Not an option, an argument file or empty: picocli would read it as a plain value too. */
  private static boolean plain(String s) {
    return !s.isEmpty() && !s.startsWith("-") && !s.startsWith("@");
  }

  /** The command itself, for {@link CaptureCommand} and {@link #tryRun}. */
  static int run(Path file, Path deployment, Path flows, List<Path> catalogDirs, CaptureCommand.Format format, PrintWriter out) {
    if (!Files.isRegularFile(file)) throw new UsageException("no such capture file: " + file);
    FlowPlan plan = deployment == null && flows == null ? null : Inputs.load(deployment, flows, catalogDirs).plan();
    CaptureResult r;
    try {
      r = switch (format) {
        case json -> {
          CaptureJson.Stream s = CaptureJson.open(out);
          CaptureResult res = CaptureAnalysis.analyze(file, plan, s::attempt);
          s.finish(res);
          yield res;
        }
        case table -> {
          CaptureTable.Stream s = CaptureTable.open(out);
          CaptureResult res = CaptureAnalysis.analyze(file, plan, s::attempt);
          s.finish(res);
          yield res;
        }
      };
    } catch (CaptureFormatException e) {
      out.flush();
      throw new InvalidInputException(SourcePosition.of(file.toString()), e.getMessage());
    }
    return r.hasFindings() ? ExitCode.FINDINGS : ExitCode.OK;
  }
}
