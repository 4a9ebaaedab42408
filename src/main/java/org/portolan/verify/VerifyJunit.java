package org.portolan.verify;

/** JUnit XML for pipelines: one test case per flow; partial and blocked flows fail. Pure. */
public final class VerifyJunit {
  private VerifyJunit() {}

  public static String render(VerifyResult r) {
    long failures = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.Partial || f.verdict() instanceof Verdict.Blocked).count();
    long skipped = r.flows().stream().filter(f -> f.verdict() instanceof Verdict.NotVerified).count();
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuite name=\"portolan verify ").append(x(r.ruleset())).append("\" tests=\"").append(r.flows().size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\"").append(skipped > 0 ? " skipped=\"" + skipped + "\"" : "").append(">\n");
    for (FlowResult f : r.flows()) {
      sb.append("  <testcase classname=\"").append(x(f.path())).append("\" name=\"").append(x(f.name())).append("\"");
      switch (f.verdict()) {
        case Verdict.Allowed a -> sb.append("/>\n");
        case Verdict.Partial p -> sb.append(">\n    <failure type=\"partial\" message=\"").append(x(message(f))).append("\"/>\n  </testcase>\n");
        case Verdict.Blocked b -> sb.append(">\n    <failure type=\"blocked\" message=\"").append(x(message(f))).append("\"/>\n  </testcase>\n");
        case Verdict.NotVerified n -> sb.append(">\n    <skipped message=\"").append(x("not verified: " + n.reason())).append("\"/>\n  </testcase>\n");
      }
    }
    return sb.append("</testsuite>\n").toString();
  }

  private static String message(FlowResult f) {
    StringBuilder m = new StringBuilder(f.verdict().keyword() + ": " + f.proto() + " " + f.ports() + " from " + f.src() + " to " + f.dst());
    for (BlockedPart b : f.verdict().blockedParts()) m.append("; blocked ").append(b.ports()).append(" by line ").append(b.rule().line()).append(": ").append(b.rule().text());
    return m.toString();
  }

  static String x(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("\n", "&#10;");
  }
}
