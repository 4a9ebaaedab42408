package org.portolan.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.portolan.verify.FlowResult;

/**
 * The change request for the board, as pure functions of the change result: one row per
 * command (position, exact command, requirement, vendor row, verdict before and after), then
 * the refused flows and the tightening. Markdown, CSV, XLSX and JSON (what {@code report --change} reads).
 */
public final class ChangeRequest {
  private ChangeRequest() {}

  public static final List<String> HEADER = List.of("#", "flow", "requirement", "vendor row", "traffic", "position", "command", "blocked today by", "verdict before", "verdict after");
  public static final List<String> REFUSED_HEADER = List.of("flow", "refused because", "line");
  public static final List<String> TIGHTEN_HEADER = List.of("kind", "line", "extra space", "required flows relying on it", "commands", "note");

  /** The native delta for the real tool (empty when nothing is to be added). */
  public static String nativeScript(ChangeResult r) {
    return Delta.of(r.acl().format()).script(r);
  }

  /** File name of the native delta under {@code -o DIR}. */
  public static String nativeFileName(ChangeResult r) {
    return Delta.of(r.acl().format()).fileName(r);
  }

  /** Files beside the native delta: for AWS the --cli-input-json document of each group and the Terraform resources; for GCP and Azure the rules as JSON objects. */
  public static Map<String, String> extraFiles(ChangeResult r) {
    Map<String, String> out = new LinkedHashMap<>();
    if (r.acl().format().equals("gcp") && !r.additions().isEmpty()) out.put("change.gcp.json", new GcpDelta().json(r));
    if (r.acl().format().equals("azure-nsg") && !r.additions().isEmpty()) out.put("change.azure.json", new AzureDelta().json(r));
    if (!r.acl().format().equals("aws") || r.additions().isEmpty()) return out;
    AwsDelta aws = new AwsDelta();
    for (var e : aws.documents(r).entrySet()) out.put("authorize-" + (e.getKey().ingress() ? "ingress" : "egress") + "-" + e.getKey().group().replaceAll("[^A-Za-z0-9_.-]", "-") + ".json", e.getValue());
    out.put("change.tf", aws.terraform(r));
    return out;
  }

  /** The tightening as commands for the real tool, to apply after the change; empty when there is none. */
  public static String tightenScript(ChangeResult r) {
    if (r.tightenings().isEmpty()) return "";
    Delta d = Delta.of(r.acl().format());
    String c = r.acl().format().equals("asa") ? "!" : "#";
    StringBuilder b = new StringBuilder(c + " Portolan --tighten for " + r.acl().file() + ": review each line; apply after the change. Never applied by default.\n");
    if (r.acl().format().equals("iptables")) b.append("*filter\n");
    for (Tightening t : ordered(r)) {
      b.append(c).append(' ').append(t.kind().name().toLowerCase(java.util.Locale.ROOT)).append(": line ").append(t.line().line()).append(": ")
          .append(Delta.clean(t.line().text(), 200)).append('\n');
      if (!t.extra().isEmpty()) b.append(c).append("   beyond the requirements: ").append(Delta.clean(t.extra(), 300)).append('\n');
      b.append(c).append("   required flows relying on it: ").append(t.dependents().isEmpty() ? "none" : String.join(", ", t.dependents())).append('\n');
      List<String> cmds = d.tighten(r, t);
      if (cmds.isEmpty()) b.append(c).append("   (no command: ").append(t.note()).append(")\n");
      for (String x : cmds) b.append(x).append('\n');
    }
    if (r.acl().format().equals("iptables")) b.append("COMMIT\n");
    return b.toString();
  }

  /** Tightenings from the bottom of each chain up, so position numbers stay valid while they apply. */
  static List<Tightening> ordered(ChangeResult r) {
    List<Tightening> out = new ArrayList<>(r.tightenings());
    out.sort(java.util.Comparator.comparing(Tightening::chain).thenComparing((Tightening t) -> t.line().line(), java.util.Comparator.reverseOrder()));
    return out;
  }

  public static List<List<String>> rows(ChangeResult r) {
    Delta d = Delta.of(r.acl().format());
    Map<String, String> after = new HashMap<>();
    for (FlowResult f : r.afterVerdicts()) after.putIfAbsent(f.name(), f.verdict().keyword());
    List<List<String>> rows = new ArrayList<>();
    int n = 0;
    for (var e : d.commands(r).entrySet()) {
      Addition a = e.getKey();
      String pos = d.position(r, a);
      for (String cmd : e.getValue())
        rows.add(List.of(Integer.toString(++n), a.flow(), String.join(", ", a.requirements()), String.join("; ", a.rows()), a.traffic(), pos, cmd,
            "line " + a.decidedBy().line() + ": " + a.decidedBy().text(), a.verdictBefore(), after.getOrDefault(a.flow(), "")));
    }
    return rows;
  }

  static List<List<String>> refusedRows(ChangeResult r) {
    List<List<String>> rows = new ArrayList<>();
    for (Refusal x : r.refusals()) rows.add(List.of(x.flow(), x.reason(), x.line().line() == 0 ? x.line().text() : "line " + x.line().line() + ": " + x.line().text()));
    return rows;
  }

  static List<List<String>> tightenRows(ChangeResult r) {
    Delta d = Delta.of(r.acl().format());
    List<List<String>> rows = new ArrayList<>();
    for (Tightening t : ordered(r))
      rows.add(List.of(t.kind().name().toLowerCase(java.util.Locale.ROOT), "line " + t.line().line() + ": " + t.line().text(), t.extra(),
          String.join(", ", t.dependents()), String.join("\n", d.tighten(r, t)), t.note()));
    return rows;
  }

  public static String markdown(ChangeResult r) {
    StringBuilder b = new StringBuilder("# Firewall change request: ").append(md(r.acl().file())).append("\n\n");
    long before = r.before().stream().filter(f -> f.verdict().keyword().equals("allowed")).count();
    long after = r.afterVerdicts().stream().filter(f -> f.verdict().keyword().equals("allowed")).count();
    b.append("Ruleset format: ").append(r.acl().format()).append(". Required flows allowed today: ").append(before).append(" of ").append(r.before().size())
        .append("; after this change: ").append(after).append(" of ").append(r.afterVerdicts().size()).append(". Lines to add: ").append(r.additions().size())
        .append("; flows refused (not changed, see below): ").append(r.refusals().size()).append(".\n\n");
    b.append("## Changes\n\n");
    List<List<String>> rows = rows(r);
    if (rows.isEmpty()) b.append("Nothing to add: every required flow the change can place is already allowed.\n");
    else table(b, HEADER, rows);
    if (!r.refusals().isEmpty()) {
      b.append("\n## Refused (fail closed)\n\nThese flows are not changed: the right position cannot be found safely.\n\n");
      table(b, REFUSED_HEADER, refusedRows(r));
    }
    if (!r.tightenings().isEmpty()) {
      b.append("\n## Tightening (proposed, not applied)\n\n");
      table(b, TIGHTEN_HEADER, tightenRows(r));
    }
    return b.toString();
  }

  private static void table(StringBuilder b, List<String> header, List<List<String>> rows) {
    b.append("| ").append(String.join(" | ", header.stream().map(ChangeRequest::md).toList())).append(" |\n");
    b.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) b.append("| ").append(String.join(" | ", row.stream().map(c -> c.contains("`") || c.isEmpty() ? md(c) : md(c)).toList())).append(" |\n");
  }

  /** A Markdown table cell: pipes escaped, line breaks as <br>. */
  static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>");
  }

  public static String csv(ChangeResult r) {
    List<List<String>> all = new ArrayList<>();
    List<String> head = new ArrayList<>(HEADER);
    head.add("section");
    all.add(head);
    for (List<String> row : rows(r)) { List<String> x = new ArrayList<>(row); x.add("change"); all.add(x); }
    for (List<String> row : refusedRows(r)) all.add(List.of("", row.get(0), "", "", "", "", "", row.get(2), "", row.get(1), "refused"));
    try {
      List<List<String>> safe = new ArrayList<>();
      for (List<String> row : all) safe.add(org.portolan.output.Csv.neutralised(row));
      return new CsvMapper().writeValueAsString(safe);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e);
    }
  }

  public static byte[] xlsx(ChangeResult r) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      wb.getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(0)));
      wb.getProperties().getCoreProperties().setCreator("Portolan");
      wb.getProperties().getCoreProperties().setTitle("Firewall change request: " + r.acl().file());
      CellStyle bold = wb.createCellStyle();
      Font f = wb.createFont();
      f.setBold(true);
      bold.setFont(f);
      sheet(wb, "changes", HEADER, rows(r), bold);
      sheet(wb, "refused", REFUSED_HEADER, refusedRows(r), bold);
      if (!r.tightenings().isEmpty()) sheet(wb, "tighten", TIGHTEN_HEADER, tightenRows(r), bold);
      wb.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sheet(XSSFWorkbook wb, String name, List<String> header, List<List<String>> rows, CellStyle bold) {
    XSSFSheet sheet = wb.createSheet(name);
    XSSFRow head = sheet.createRow(0);
    for (int i = 0; i < header.size(); i++) {
      head.createCell(i).setCellValue(header.get(i));
      head.getCell(i).setCellStyle(bold);
    }
    for (int i = 0; i < rows.size(); i++) {
      XSSFRow row = sheet.createRow(i + 1);
      for (int c = 0; c < rows.get(i).size(); c++) row.createCell(c).setCellValue(rows.get(i).get(c));
    }
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows.size()), 0, header.size() - 1));
    for (int i = 0; i < header.size(); i++) sheet.setColumnWidth(i, Math.min(80, Math.max(10, header.get(i).length() + 4)) * 256);
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The change result as JSON: what {@code report --change} reads. */
  public static String json(ChangeResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("ruleset", r.acl().file());
    root.put("format", r.acl().format());
    root.put("native", nativeScript(r));
    ArrayNode ch = root.putArray("changes");
    for (List<String> row : rows(r)) {
      ObjectNode o = ch.addObject();
      for (int i = 1; i < HEADER.size(); i++) o.put(HEADER.get(i).replace(' ', '_'), row.get(i));
    }
    ArrayNode ref = root.putArray("refused");
    for (Refusal x : r.refusals()) ref.addObject().put("flow", x.flow()).put("reason", x.reason()).put("line", x.line().line()).put("text", x.line().text());
    ArrayNode fl = root.putArray("flows");
    Map<String, String> after = new LinkedHashMap<>();
    for (FlowResult f : r.afterVerdicts()) after.putIfAbsent(f.name(), f.verdict().keyword());
    for (FlowResult f : r.before()) fl.addObject().put("flow", f.name()).put("before", f.verdict().keyword()).put("after", after.getOrDefault(f.name(), ""));
    ArrayNode t = root.putArray("tighten");
    for (List<String> row : tightenRows(r)) {
      ObjectNode o = t.addObject();
      for (int i = 0; i < TIGHTEN_HEADER.size(); i++) o.put(TIGHTEN_HEADER.get(i).replace(' ', '_'), row.get(i));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
