package org.portolan.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.portolan.output.Csv;
import org.portolan.output.TextTable;

/** The observe result as text tables for a terminal, and as CSV (one row per required flow, then candidates); pure functions. */
public final class ObserveTable {
  private ObserveTable() {}

  public static String table(ObserveResult r) {
    StringBuilder b = new StringBuilder();
    var s = r.stats();
    b.append("Read ").append(s.records()).append(" records from ").append(r.inputs().size()).append(r.inputs().size() == 1 ? " log" : " logs");
    for (var i : r.inputs()) b.append("\n  ").append(i.name()).append(" (").append(i.format()).append(')');
    b.append("\n").append(s.skipped()).append(" without a flow, ").append(s.malformed()).append(" malformed");
    if (s.outsideWindow() > 0 || s.untimed() > 0) b.append(", ").append(s.outsideWindow()).append(" outside the window, ").append(s.untimed())
        .append(" without a time (left out)");
    b.append(s.first() == null ? "" : "; from " + t(s.first()) + " to " + t(s.last())).append("\n\n");
    if (r.planned()) {
      TextTable t = new TextTable("status", "flow", "proto", "ports", "records", "accepted", "denied", "where denied / note");
      for (var f : r.flows()) {
        String where = switch (f.status()) {
          case DENIED -> String.join("; ", f.denials().stream().map(d -> (d.device() + " " + d.rule()).strip() + " x" + d.records()).toList());
          case SEEN -> "the log gives no verdict (" + f.unknown() + " records): undetermined";
          case WORKING -> f.replies() > 0 ? f.replies() + " replies" : "";
          case NOT_SEEN -> "";
        };
        t.row(f.status().keyword(), TextTable.cut(f.flow(), 50), f.proto(), TextTable.cut(f.ports(), 20), Long.toString(f.records()),
            Long.toString(f.accepted()), Long.toString(f.denied()), TextTable.cut(where, 70));
      }
      b.append(t.render()).append("\n");
      if (!r.unexplained().isEmpty()) {
        b.append("Traffic no requirement explains (candidate requirements):\n");
        TextTable u = new TextTable("src", "dst", "proto", "port", "records", "accepted", "denied", "first", "last");
        for (var c : r.unexplained())
          u.row(TextTable.cut(c.src(), 40), TextTable.cut(c.dst(), 40), c.proto(), Integer.toString(c.port()), Long.toString(c.records()),
              Long.toString(c.accepted()), Long.toString(c.denied()), t(c.first()), t(c.last()));
        b.append(u.render()).append("\n");
      }
      if (r.unexplainedOverflow() > 0) b.append(r.unexplainedOverflow()).append(" unexplained records in groups beyond the shown ones\n");
    }
    if (!r.rules().isEmpty()) {
      b.append("Hits per rule the log names:\n");
      TextTable h = new TextTable("device", "rule", "accepted", "denied", "unknown");
      for (var x : r.rules()) h.row(TextTable.cut(x.device(), 30), TextTable.cut(x.rule(), 50), Long.toString(x.accepted()),
          Long.toString(x.denied()), Long.toString(x.unknown()));
      b.append(h.render()).append("\n");
    }
    if (!r.malformed().isEmpty()) {
      b.append("Malformed records (first ").append(r.malformed().size()).append(" of ").append(s.malformed()).append("):\n");
      for (var m : r.malformed()) b.append("  ").append(m.position()).append(": ").append(m.reason()).append("\n");
    }
    return b.toString();
  }

  public static String csv(ObserveResult r) {
    StringBuilder b = new StringBuilder("kind,status,flow,requirements,src,dst,proto,ports,records,accepted,denied,unknown,first,last,where\n");
    for (var f : r.flows()) {
      List<String> where = new ArrayList<>();
      f.denials().forEach(d -> where.add((d.device() + " " + d.rule()).strip()));
      row(b, "flow", f.status().keyword(), f.flow(), String.join(" ", f.requirements()), f.src(), f.dst(), f.proto(), f.ports(),
          f.records(), f.accepted(), f.denied(), f.unknown(), t(f.first()), t(f.last()), String.join("; ", where));
    }
    for (var c : r.unexplained())
      row(b, "unexplained", "", "", "", c.src(), c.dst(), c.proto(), Integer.toString(c.port()), c.records(), c.accepted(), c.denied(),
          c.unknown(), t(c.first()), t(c.last()), c.example());
    return b.toString();
  }

  private static void row(StringBuilder b, Object... cells) {
    String[] text = new String[cells.length];
    for (int i = 0; i < cells.length; i++) text[i] = String.valueOf(cells[i]);
    b.append(Csv.row(text)).append('\n');
  }

  static String t(Long millis) {
    return millis == null ? "" : Instant.ofEpochMilli(millis).toString();
  }
}
