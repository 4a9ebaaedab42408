package org.portolan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.capture.CaptureAnalysis;
import org.portolan.capture.CaptureJson;
import org.portolan.capture.CaptureResult;
import org.portolan.capture.CaptureTable;
import org.portolan.diag.Diagnostics;
import org.portolan.output.FixedColumns;
import org.portolan.output.OutputFile;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.probe.Listener;
import org.portolan.probe.LoopbackRehearsal;
import org.portolan.probe.ProbeFormat;

/**
 * The demo's capture and probe steps, which only {@code portolan demo} runs: they write
 * bundled inputs and their results into the demo folder (the stages themselves stay free of
 * demo entry points). Files are written with {@link OutputFile}.
 */
final class DemoRuns {
  private DemoRuns() {}

  /**
   * The bundled demo trace: a ConfigMgr primary site server (198.18.6.1) and a domain
   * controller (198.18.6.2), captured in test namespaces with a real Samba endpoint mapper and
   * nft rules that reset LDAP, drop the Global Catalog and reject SMB as admin-prohibited.
   */
  static final String TRACE = "demo/configmgr-trace.pcapng";
  static final String FLOWS = "demo/configmgr-flows.csv";

  /**
   * Copies the trace and its flows file into {@code dir} and writes the analysis beside them
   * as {@code capture.json} and {@code capture.txt}; returns the four paths.
   */
  /** The bundled demo trace alone, copied into {@code dir}. */
  static Path trace(Path dir) {
    return copy(TRACE, dir);
  }

  static List<Path> capture(Path dir) {
    Path trace = copy(TRACE, dir);
    Path flows = copy(FLOWS, dir);
    Diagnostics d = new Diagnostics();
    FlowPlan plan = FlowsCsv.read(flows, d);
    d.throwIfErrors();
    CaptureResult r = CaptureAnalysis.analyze(trace, plan);
    StringWriter json = new StringWriter();
    CaptureJson.write(r, json);
    StringWriter table = new StringWriter();
    CaptureTable.write(r, new PrintWriter(table));
    Path jsonFile = dir.resolve("capture.json");
    Path tableFile = dir.resolve("capture.txt");
    OutputFile.write(jsonFile, json.toString());
    OutputFile.write(tableFile, table.toString());
    return List.of(trace, flows, jsonFile, tableFile);
  }

  private static Path copy(String resource, Path dir) {
    try (InputStream in = DemoRuns.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      Path out = dir.resolve(Path.of(resource).getFileName().toString());
      OutputFile.write(out, in.readAllBytes());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar: " + e.getMessage(), e);
    }
  }

  private static final FixedColumns BINDINGS = FixedColumns.of(FixedColumns.left(10), FixedColumns.left(9), FixedColumns.left(15), FixedColumns.rest(1));

  /**
   * Runs the loopback rehearsal ({@link LoopbackRehearsal}) of what {@code initiator}
   * initiates and writes {@code probe/rehearsal.txt}, {@code .json}, {@code -junit.xml} and
   * {@code probe/listen.txt} under {@code dir}; returns the files.
   */
  static List<Path> probeRehearsal(FlowPlan plan, List<InetAddress> initiator, String initiatorName, Path dir) {
    LoopbackRehearsal.Result r = LoopbackRehearsal.run(plan, initiator, Duration.ofMillis(500));
    Map<String, String> files = new LinkedHashMap<>();
    String head = "Go-live rehearsal on loopback for the flows " + initiatorName + " initiates: each destination a.b.c.d is\n"
        + "played by 'portolan listen' on 127.77.c.d and probed from 127.0.0.1. Nothing leaves this machine.\n\n";
    StringBuilder skipped = new StringBuilder();
    if (!r.skipped().isEmpty()) {
      skipped.append("\nNot rehearsed:\n");
      for (String s : r.skipped()) skipped.append("  ").append(s).append('\n');
    }
    files.put("probe/rehearsal.txt", head + ProbeFormat.TABLE.render(r.report()) + skipped);
    files.put("probe/rehearsal.json", ProbeFormat.JSON.render(r.report()));
    files.put("probe/rehearsal-junit.xml", ProbeFormat.JUNIT.render(r.report()));
    StringBuilder listen = new StringBuilder();
    for (Listener.Binding b : r.bindings())
      listen.append(BINDINGS.line(b.bound() ? "listening" : "NOT BOUND", b.service(), b.address().getHostAddress(),
          b.detail() + "  (" + String.join(", ", b.flows()) + ")")).append(System.lineSeparator());
    files.put("probe/listen.txt", listen.toString());
    List<Path> out = new ArrayList<>();
    for (var e : files.entrySet()) {
      Path p = dir.resolve(e.getKey());
      OutputFile.write(p, e.getValue());
      out.add(p);
    }
    return out;
  }
}
