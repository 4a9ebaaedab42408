package org.portolan.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook for change boards (Apache POI): Summary, Flows, Port tables, Findings; each
 * table sheet with a styled header row, an autofilter and the header frozen. Column widths
 * are set from the text length (POI's autoSizeColumn needs AWT fonts and is slow).
 */
final class XlsxReport {
  private XlsxReport() {}

  static final List<String> SHEETS = List.of("Summary", "Flows", "Port tables", "Findings");
  static final List<String> FLOW_HEADER = List.of("Flow", "Source", "Destination", "Protocol", "Ports", "Purpose", "Products",
      "Requirement ids", "Status", "Evidence");
  static final List<String> PORT_HEADER = List.of("Product", "Instance", "Component", "Port", "Protocol", "Direction", "Peer",
      "Purpose", "Condition", "Configurable", "Needed here", "Requirement", "Source");
  static final List<String> FINDING_HEADER = List.of("Kind", "From", "Detail");

  static {
    // POI logs through log4j-api, which warns on stderr when no logging back end is present;
    // its own simple logger (errors only) keeps the command's output clean.
    if (System.getProperty("log4j2.loggerContextFactory") == null)
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
  }

  static byte[] bytes(ReportData d) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Styles s = new Styles(wb);
      summary(wb.createSheet(SHEETS.get(0)), d, s);

      List<List<String>> flows = new ArrayList<>();
      List<Status> statuses = new ArrayList<>();
      for (ReportData.FlowRow f : d.flows()) {
        flows.add(List.of(f.name(), ReportData.endpoints(f.sources(), 0), ReportData.endpoints(f.destinations(), 0), f.protocol(), f.ports(), f.purpose(), f.products(), f.requirements(),
            f.status().word(), String.join("\n", f.evidence().stream().map(e -> e.kind() + ": " + e.summary()).toList())));
        statuses.add(f.status());
      }
      Sheet fs = table(wb.createSheet(SHEETS.get(1)), FLOW_HEADER, flows, s);
      int statusCol = FLOW_HEADER.indexOf("Status");
      for (int i = 0; i < statuses.size(); i++) fs.getRow(i + 1).getCell(statusCol).setCellStyle(s.status.get(statuses.get(i)));

      List<List<String>> ports = new ArrayList<>();
      for (ReportData.ProductSection p : d.products())
        for (PortTables.Table t : p.tables())
          for (PortTables.Row r : t.rows())
            ports.add(List.of(p.product().name(), p.instance(), r.component(), r.port(), r.protocol(), r.direction(), r.peer(), r.purpose(),
                r.condition(), r.configurable(), p.needed(r) ? "yes" : "no", r.requirement(), r.source()));
      table(wb.createSheet(SHEETS.get(2)), PORT_HEADER, ports, s);

      List<List<String>> findings = new ArrayList<>();
      for (Finding f : d.findings()) findings.add(List.of(f.kind().label(), f.source(), f.text()));
      table(wb.createSheet(SHEETS.get(3)), FINDING_HEADER, findings, s);

      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the workbook: " + e.getMessage(), e);
    }
  }

  private static void summary(Sheet sheet, ReportData d, Styles s) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Site", d.site()));
    if (!d.deploymentFile().isEmpty()) rows.add(List.of("Deployment", d.deploymentFile()));
    rows.add(List.of("Products", String.join(", ", d.products().stream().map(p -> p.instance() + " (" + p.product().name() + ")").toList())));
    rows.add(List.of("Flows", Integer.toString(d.flows().size())));
    d.deployment().ifPresent(dep -> rows.add(List.of("Firewalls", d.networkFirewalls() + " network, " + d.hostFirewalls() + " host")));
    rows.add(List.of("Results", d.results().isEmpty() ? "none given" : String.join("; ", d.results().sources())));
    for (var e : d.counts().entrySet()) rows.add(List.of("Flows " + e.getKey().word(), Integer.toString(e.getValue())));
    rows.add(List.of("Findings", Integer.toString(d.findings().size())));
    table(sheet, List.of("Item", "Value"), rows, s);
    // counts as numbers, so a board can sum them
    for (int r = 1; r <= rows.size(); r++) {
      var cell = sheet.getRow(r).getCell(1);
      String v = cell.getStringCellValue();
      if (v.matches("\\d{1,9}")) cell.setCellValue(Integer.parseInt(v));
    }
  }

  private static Sheet table(Sheet sheet, List<String> header, List<List<String>> rows, Styles s) {
    Row h = sheet.createRow(0);
    int[] widths = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      var cell = h.createCell(c);
      cell.setCellValue(header.get(c));
      cell.setCellStyle(s.header);
      widths[c] = header.get(c).length() + 4;
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = sheet.createRow(r + 1);
      List<String> cells = rows.get(r);
      for (int c = 0; c < header.size(); c++) {
        String v = c < cells.size() ? cells.get(c) : "";
        // Excel refuses cells longer than 32767 characters
        if (v.length() > 32_000) v = v.substring(0, 32_000) + " … (truncated)";
        var cell = row.createCell(c);
        cell.setCellValue(v);
        cell.setCellStyle(s.body);
        for (String line : v.split("\n")) widths[c] = Math.max(widths[c], line.length() + 2);
      }
    }
    for (int c = 0; c < header.size(); c++) sheet.setColumnWidth(c, Math.min(widths[c], 60) * 256);
    sheet.createFreezePane(0, 1);
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows.size()), 0, header.size() - 1));
    return sheet;
  }

  private static final class Styles {
    final CellStyle header;
    final CellStyle body;
    final Map<Status, CellStyle> status = new EnumMap<>(Status.class);

    Styles(XSSFWorkbook wb) {
      XSSFFont bold = wb.createFont();
      bold.setBold(true);
      bold.setColor(new XSSFColor(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
      XSSFCellStyle h = wb.createCellStyle();
      h.setFont(bold);
      h.setFillForegroundColor(new XSSFColor(new byte[] {0x37, 0x47, 0x4f}));
      h.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      h.setBorderBottom(BorderStyle.THIN);
      header = h;
      CellStyle b = wb.createCellStyle();
      b.setWrapText(true);
      b.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
      body = b;
      for (Status st : Status.values()) {
        XSSFCellStyle cs = wb.createCellStyle();
        cs.cloneStyleFrom(b);
        Font f = wb.createFont();
        f.setBold(true);
        ((XSSFFont) f).setColor(new XSSFColor(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        cs.setFont(f);
        cs.setFillForegroundColor(new XSSFColor(rgb(st.colour())));
        cs.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        status.put(st, cs);
      }
    }

    private static byte[] rgb(String hex) {
      int v = Integer.parseInt(hex.substring(1), 16);
      return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
  }
}
