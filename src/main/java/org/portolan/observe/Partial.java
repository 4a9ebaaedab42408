package org.portolan.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.portolan.attribution.Attributor;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;

/**
 * What one file contributes, for engines that spread files over machines (the Spark job): read
 * and attribute one file on one thread with the embedded engine's own reader and attribution
 * ({@link #of}), then merge all files' partials in file order ({@link #combine}). Serializable:
 * partials travel from executors to the driver. Bounded in size like the embedded aggregates.
 */
public final class Partial implements Serializable {
  private static final long serialVersionUID = 1;

  private final int fileIndex;
  private final String name;
  private final String format;
  private final Aggregate aggregate;

  private Partial(int fileIndex, String name, String format, Aggregate aggregate) {
    this.fileIndex = fileIndex;
    this.name = name;
    this.format = format;
    this.aggregate = aggregate;
  }

  public int fileIndex() {
    return fileIndex;
  }

  /** A local copy of the stream's bytes, for formats needing random access (Parquet, pcap). */
  public interface LocalCopy {
    java.nio.file.Path get() throws IOException;
  }

  /** The plan a flows CSV text describes (the Spark driver ships the text, each task parses it). */
  public static FlowPlan plan(String flowsCsv, String fileName) {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read(flowsCsv, fileName, d);
    d.throwIfErrors();
    return p;
  }

  /**
   * Reads one log (gzip is detected) and attributes it.
   *
   * @param year the year for syslog times without one (the file's modification year)
   */
  public static Partial of(InputStream raw, LocalCopy local, String name, int year, int fileIndex, LogFormat format, FlowPlan plan, Window window)
      throws IOException {
    Attribution a = new Attribution(new Attributor(plan), new Naming(plan), window);
    try (InputStream in = Observer.gunzipIfNeeded(raw)) {
      LogFormat f = Reading.read(in, local::get, name, year, fileIndex, format, c -> Observer.process(c, a), Observer.DEFAULT_CHUNK);
      return new Partial(fileIndex, name, f.keyword(), a.aggregate);
    }
  }

  /** Merges the partials of every file, in file order, into the result the embedded engine gives for the same files. */
  public static ObserveResult combine(List<Partial> partials, FlowPlan plan, Window window) {
    List<Partial> sorted = new ArrayList<>(partials);
    sorted.sort(Comparator.comparingInt(Partial::fileIndex));
    Aggregate total = new Aggregate(plan == null ? 0 : plan.flows().size());
    List<ObserveResult.Input> inputs = new ArrayList<>();
    for (Partial p : sorted) {
      total.merge(p.aggregate);
      inputs.add(new ObserveResult.Input(p.name, p.format));
    }
    return Results.of(plan != null, plan == null ? List.of() : plan.flows(), inputs, window, total);
  }
}
