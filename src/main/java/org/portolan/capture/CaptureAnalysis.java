package org.portolan.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.portolan.attribution.Attributor;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;

/**
 * The capture stage's front door: reads a pcap or pcapng file once, classifies every
 * connection attempt, attributes each to the plan's flows and reports per required flow.
 *
 * <pre>{@code
 * CaptureResult r = CaptureAnalysis.analyze(Path.of("trace.pcapng"), plan);   // plan may be null
 * CaptureJson.write(r, writer);
 * }</pre>
 *
 * Memory is bounded whatever the file size: one read window, a capped connection table, a
 * capped list of unexplained tuples; with a sink, attempts are streamed out instead of kept.
 */
public final class CaptureAnalysis {
  private CaptureAnalysis() {}

  static final int MAX_UNEXPLAINED = 10_000;
  static final int EVIDENCE_PER_FLOW = 5;
  static final int REORDER_WINDOW = 1 << 16;

  /**
   * Analyses {@code file}; {@code plan} may be null (attempts only). Attempts are kept in the
   * result, ordered by their first packet.
   *
   * @throws CaptureFormatException when the file is malformed or truncated (with the byte offset)
   */
  public static CaptureResult analyze(Path file, FlowPlan plan) {
    List<Attempt> all = new ArrayList<>();
    CaptureResult r = analyze(file, plan, all::add);
    all.sort(Comparator.comparingLong(Attempt::firstPacket));
    return new CaptureResult(r.planned(), all, r.flows(), r.unexplained(), r.stats());
  }

  /**
   * Analyses {@code file}, handing each attempt to {@code sink} once decided — in first-packet
   * order within a window of {@value #REORDER_WINDOW} attempts — and returns the flow and
   * unexplained reports with an empty attempt list.
   */
  public static CaptureResult analyze(Path file, FlowPlan plan, Consumer<Attempt> sink) {
    return analyze(file, plan, sink, Tracker.DEFAULT_CAPACITY, ByteWindow.DEFAULT_CAPACITY);
  }

  static CaptureResult analyze(Path file, FlowPlan plan, Consumer<Attempt> sink, int tableCapacity, int windowBytes) {
    return analyze(file, plan, sink, tableCapacity, windowBytes, pipelined(file) ? Pipeline.DEFAULT_BATCH : 0);
  }

  /**
   * Two threads (reading and dissecting on one, classifying on the calling one) pay off from a
   * few megabytes on a machine with a second core; below that one thread is as fast.
   */
  private static boolean pipelined(Path file) {
    if (Runtime.getRuntime().availableProcessors() < 2) return false;
    try {
      return java.nio.file.Files.size(file) >= PIPELINE_FROM_BYTES;
    } catch (java.io.IOException e) {
      return false; // the reader reports the file's problem
    }
  }

  static final long PIPELINE_FROM_BYTES = 8L << 20;

  /**
   * {@code batch} packets per hand-over between the reading and the classifying thread, and the
   * sink on a third ({@link SinkThread}); 0: one thread does all.
   */
  static CaptureResult analyze(Path file, FlowPlan plan, Consumer<Attempt> sink, int tableCapacity, int windowBytes, int batch) {
    if (batch == 0) return classify(file, plan, sink, tableCapacity, windowBytes, 0);
    try (SinkThread writer = new SinkThread(sink)) {
      return classify(file, plan, writer, tableCapacity, windowBytes, batch);
    }
  }

  private static CaptureResult classify(Path file, FlowPlan plan, Consumer<Attempt> sink, int tableCapacity, int windowBytes, int batch) {
    Attributor attributor = new Attributor(plan);
    Reports reports = new Reports(attributor.flows(), plan != null);
    FirstPacketOrder reorder = new FirstPacketOrder();
    Tracker tracker = new Tracker(attributor, (a, flows) -> {
      reports.add(a, flows);
      reorder.add(a);
      if (reorder.size() > REORDER_WINDOW) sink.accept(reorder.poll());
    }, tableCapacity);
    long packets = 0, bytes = 0, notIp = 0;
    String format;
    try (PacketReader reader = PacketReader.open(file, windowBytes)) {
      format = reader.format();
      if (batch > 0) {
        Pipeline.Counts c = Pipeline.run(reader, tracker, batch);
        packets = c.packets();
        bytes = c.bytes();
        notIp = c.notIp();
      } else {
        RawPacket pk = new RawPacket();
        Decoded d = new Decoded();
        while (reader.next(pk)) {
          packets++;
          bytes += pk.capturedLength;
          if (Dissector.decode(pk, d)) tracker.packet(pk, d);
          else notIp++;
        }
      }
    }
    tracker.end();
    while (!reorder.isEmpty()) sink.accept(reorder.poll());
    CaptureStats stats = new CaptureStats(format, packets, bytes, notIp, tracker.attempts, tracker.failed, tracker.evicted,
        tracker.epmEndpoints, reports.unexplainedOverflow);
    return new CaptureResult(plan != null, List.of(), reports.flowReports(), reports.unexplained(), stats);
  }

  /** Per-flow and unexplained tallies, bounded. */
  private static final class Reports {
    final List<Flow> flows;
    final boolean planned;
    final int[] attempts;
    final int[] working;
    final long[] firstWorking;
    final List<EnumMap<AttemptOutcome, Integer>> failures = new ArrayList<>();
    final List<List<Attempt>> evidence = new ArrayList<>();
    final Map<String, Agg> unexplained = new LinkedHashMap<>();
    long unexplainedOverflow;

    private static final class Agg {
      Attempt first;
      int count;
      final EnumMap<AttemptOutcome, Integer> outcomes = new EnumMap<>(AttemptOutcome.class);

      Agg(Attempt first) {
        this.first = first;
      }
    }

    Reports(List<Flow> flows, boolean planned) {
      this.flows = flows;
      this.planned = planned;
      attempts = new int[flows.size()];
      working = new int[flows.size()];
      firstWorking = new long[flows.size()];
      for (int i = 0; i < flows.size(); i++) {
        failures.add(new EnumMap<>(AttemptOutcome.class));
        evidence.add(new ArrayList<>());
      }
    }

    void add(Attempt a, int[] matched) {
      if (planned && matched.length == 0) {
        String key = a.src() + " " + a.dst() + " " + a.proto() + " " + a.port();
        Agg g = unexplained.get(key);
        if (g == null) {
          if (unexplained.size() >= MAX_UNEXPLAINED) {
            unexplainedOverflow++;
            return;
          }
          unexplained.put(key, g = new Agg(a));
        }
        if (a.firstPacket() < g.first.firstPacket()) g.first = a;
        g.count++;
        g.outcomes.merge(a.outcome(), 1, Integer::sum);
        return;
      }
      for (int i : matched) {
        attempts[i]++;
        if (a.outcome().works()) {
          if (working[i]++ == 0 || a.firstPacket() < firstWorking[i]) firstWorking[i] = a.firstPacket();
        } else {
          failures.get(i).merge(a.outcome(), 1, Integer::sum);
          List<Attempt> ev = evidence.get(i);
          ev.add(a);
          if (ev.size() > EVIDENCE_PER_FLOW) {
            ev.sort(Comparator.comparingLong(Attempt::firstPacket));
            ev.removeLast();
          }
        }
      }
    }

    List<FlowReport> flowReports() {
      List<FlowReport> out = new ArrayList<>();
      for (int i = 0; i < flows.size(); i++) {
        Flow f = flows.get(i);
        FlowReport.Status status;
        if (attempts[i] == 0) status = new FlowReport.Status.NotSeen();
        else if (failures.get(i).isEmpty()) status = new FlowReport.Status.Working(firstWorking[i]);
        else {
          Map.Entry<AttemptOutcome, Integer> worst = failures.get(i).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
          List<Attempt> ev = new ArrayList<>(evidence.get(i));
          ev.sort(Comparator.comparingLong(Attempt::firstPacket));
          status = new FlowReport.Status.Failing(worst.getKey(), reason(worst.getKey(), worst.getValue(), attempts[i], ev), working[i], ev);
        }
        out.add(new FlowReport(f.name(), f.traces().stream().map(Trace::requirementRef).distinct().toList(), notation(f.sources()),
            notation(f.destinations()), f.protocol().keyword(), f.ports().notation(), attempts[i], status));
      }
      return out;
    }

    private static String notation(List<Endpoint> eps) {
      return eps.stream().map(Endpoint::csvNotation).collect(Collectors.joining(" "));
    }

    private static String reason(AttemptOutcome o, int count, int total, List<Attempt> ev) {
      String what = switch (o) {
        case DROPPED -> "dropped: SYNs went unanswered (retransmitted " + ev.stream().mapToInt(Attempt::retransmits).max().orElse(0)
            + " times at most); a firewall silently discards them";
        case REJECTED -> "rejected: answered by a TCP RST; nothing listens, or a firewall rejects with tcp reset";
        case UNREACHABLE -> "unreachable: an ICMP destination-unreachable answered; " + ev.stream()
            .filter(a -> a.outcome() == AttemptOutcome.UNREACHABLE).findFirst().map(Attempt::detail).orElse("");
        case INCOMPLETE -> "incomplete: the handshake did not finish in the capture";
        case UNANSWERED -> "unanswered: UDP datagrams got no reply (dropped, or a silent service)";
        case ESTABLISHED, ANSWERED -> throw new IllegalStateException("a working outcome is not a failure");
      };
      return count + " of " + total + (total == 1 ? " attempt " : " attempts ") + what;
    }

    List<Unexplained> unexplained() {
      List<Unexplained> out = new ArrayList<>();
      for (Agg g : unexplained.values())
        out.add(new Unexplained(g.first.src(), g.first.dst(), g.first.proto(), g.first.port(), g.count, g.first.firstPacket(), g.outcomes));
      out.sort(Comparator.comparingLong(Unexplained::firstPacket));
      return out;
    }
  }
}
