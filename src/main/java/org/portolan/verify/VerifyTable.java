package org.portolan.verify;

import org.portolan.diag.Diagnostic;
import org.portolan.ingest.acl.LineSource;
import org.portolan.output.TextTable;

/** The result as text tables for people. Pure. */
public final class VerifyTable {
  private VerifyTable() {}

  public static String render(VerifyResult r) {
    StringBuilder sb = new StringBuilder();
    TextTable table = new TextTable("VERDICT", "FLOW", "PROTO", "PORTS", "PATH", "DECIDING RULE").withoutRule();
    for (FlowResult f : r.flows()) table.row(f.verdict() instanceof Verdict.Allowed a && !a.rateLimitedBy().isEmpty()
        ? "allowed, rate-limited by line " + String.join(",", a.rateLimitedBy().stream().map(l -> Integer.toString(l.line())).toList()) : f.verdict().keyword(), f.name(), f.proto(), f.ports(), f.path(), ref(f.verdict().rule()));
    sb.append(table.render());
    for (FlowResult f : r.flows()) {
      for (BlockedPart b : f.verdict().blockedParts()) {
        sb.append("  ").append(f.name()).append(": blocked ").append(b.proto()).append(' ').append(b.ports())
            .append(" from ").append(b.src()).append(" to ").append(b.dst()).append(b.traffic().equals("new") ? "" : " (" + b.traffic() + " packets)")
            .append(" by ").append(ref(b.rule())).append('\n');
      }
      if (f.verdict() instanceof Verdict.Undetermined u) {
        sb.append("  ").append(f.name()).append(": undetermined: depends on ").append(r.ruleset()).append(':').append(u.doubt().line().line())
            .append(" (").append(u.doubt().construct()).append(")\n");
        for (BlockedPart b : u.undetermined())
          sb.append("    ").append(b.proto()).append(' ').append(b.ports()).append(" from ").append(b.src()).append(" to ").append(b.dst())
              .append(b.traffic().equals("new") ? "" : " (" + b.traffic() + " packets)").append(" depends on line ").append(b.rule().line()).append('\n');
        sb.append("    hint, not a verdict: ").append(u.doubt().hint()).append('\n');
      }
    }
    long allowed = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.Allowed).count();
    long undetermined = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.Undetermined).count();
    sb.append('\n').append(allowed).append(" of ").append(r.flows().size()).append(" flows allowed")
        .append(undetermined > 0 ? ", " + undetermined + " undetermined (the answer depends on lines that are not modelled or not in the dump)" : "").append('\n');
    if (!r.excess().isEmpty()) {
      sb.append("\nPermitted beyond the requirements (least privilege):\n");
      for (Excess e : r.excess()) {
        sb.append("  ").append(ref(e.rule())).append(" [").append(e.path()).append("] permits ").append(e.beyond()).append(e.verified() ? "" : " (not verified)").append('\n');
        sb.append("    e.g. ").append(e.example().proto()).append(' ').append(e.example().src()).append(" -> ").append(e.example().dst())
            .append(e.example().port().isEmpty() ? "" : " port " + e.example().port()).append('\n');
      }
    }
    if (!r.shadowed().isEmpty()) {
      sb.append("\nShadowed or redundant lines:\n");
      for (RuleFinding s : r.shadowed()) {
        sb.append("  ").append(s.kind() == RuleFinding.Kind.SHADOWED ? "shadowed " : "redundant ").append(ref(s.rule())).append(": ").append(s.note()).append(s.verified() ? "" : " (not verified)");
        if (!s.by().isEmpty()) sb.append(" (").append(String.join(", ", s.by().stream().map(l -> "line " + l.line()).toList())).append(')');
        sb.append('\n');
      }
    }
    if (!r.warnings().isEmpty()) {
      sb.append("\nWarnings:\n");
      for (Diagnostic d : r.warnings()) sb.append("  ").append(d.render()).append('\n');
    }
    return sb.toString();
  }

  static String ref(LineSource l) {
    if (l.line() == 0) return l.text();
    return "line " + l.line() + ": " + l.text();
  }
}
