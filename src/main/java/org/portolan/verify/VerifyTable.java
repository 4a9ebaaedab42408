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
    for (FlowResult f : r.flows()) table.row(f.verdict().keyword(), f.name(), f.proto(), f.ports(), f.path(), ref(f.verdict().rule()));
    sb.append(table.render());
    for (FlowResult f : r.flows()) {
      for (BlockedPart b : f.verdict().blockedParts()) {
        sb.append("  ").append(f.name()).append(": blocked ").append(b.proto()).append(' ').append(b.ports())
            .append(" from ").append(b.src()).append(" to ").append(b.dst()).append(b.traffic().equals("new") ? "" : " (" + b.traffic() + " packets)")
            .append(" by ").append(ref(b.rule())).append('\n');
      }
    }
    long allowed = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.Allowed).count();
    sb.append('\n').append(allowed).append(" of ").append(r.flows().size()).append(" flows allowed\n");
    if (!r.excess().isEmpty()) {
      sb.append("\nPermitted beyond the requirements (least privilege):\n");
      for (Excess e : r.excess()) {
        sb.append("  ").append(ref(e.rule())).append(" [").append(e.path()).append("] permits ").append(e.beyond()).append('\n');
        sb.append("    e.g. ").append(e.example().proto()).append(' ').append(e.example().src()).append(" -> ").append(e.example().dst())
            .append(e.example().port().isEmpty() ? "" : " port " + e.example().port()).append('\n');
      }
    }
    if (!r.shadowed().isEmpty()) {
      sb.append("\nShadowed or redundant lines:\n");
      for (RuleFinding s : r.shadowed()) {
        sb.append("  ").append(s.kind() == RuleFinding.Kind.SHADOWED ? "shadowed " : "redundant ").append(ref(s.rule())).append(": ").append(s.note());
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
