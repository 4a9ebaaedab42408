package org.portolan.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/**
 * The bundled demo trace (jar resources {@code demo/configmgr-trace.pcapng} and
 * {@code demo/configmgr-flows.csv}): a ConfigMgr primary site server (198.18.6.1) and a domain
 * controller (198.18.6.2), captured in test namespaces with a real Samba endpoint mapper and
 * nft rules that reset LDAP, drop the Global Catalog and reject SMB as admin-prohibited.
 */
public final class CaptureDemo {
  private CaptureDemo() {}

  public static final String TRACE = "demo/configmgr-trace.pcapng";
  public static final String FLOWS = "demo/configmgr-flows.csv";

  /**
   * Copies the trace and its flows file into {@code dir} and writes the analysis beside them
   * as {@code capture.json} and {@code capture.txt}; returns the four paths.
   */
  public static List<Path> writeDemo(Path dir) {
    try {
      Files.createDirectories(dir);
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
      Files.writeString(jsonFile, json.toString(), StandardCharsets.UTF_8);
      Files.writeString(tableFile, table.toString(), StandardCharsets.UTF_8);
      return List.of(trace, flows, jsonFile, tableFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the capture demo into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Path copy(String resource, Path dir) throws IOException {
    try (InputStream in = CaptureDemo.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the jar");
      Path out = dir.resolve(Path.of(resource).getFileName().toString());
      Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return out;
    }
  }
}
