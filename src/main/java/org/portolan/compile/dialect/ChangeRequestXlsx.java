package org.portolan.compile.dialect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;

/** The change-request sheet as XLSX (Apache POI): sheet "rules", bold frozen header, auto-filter. */
public final class ChangeRequestXlsx implements Dialect {
  static {
    // POI logs through Log4j's API; without a provider Log4j prints a warning on every run.
    // Its simple logger (errors only, to stderr) keeps the CLI's output clean.
    if (System.getProperty("log4j2.loggerContextFactory") == null)
      System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
  }

  @Override
  public String name() {
    return "xlsx";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.everything();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      // A fixed creation date, so the same rules give the same bytes (files are rewritten only when they change).
      wb.getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(0)));
      wb.getProperties().getCoreProperties().setCreator("Portolan");
      wb.getProperties().getCoreProperties().setTitle("Firewall change request: " + rs.name());
      XSSFSheet sheet = wb.createSheet("rules");
      CellStyle bold = wb.createCellStyle();
      Font f = wb.createFont();
      f.setBold(true);
      bold.setFont(f);
      XSSFRow head = sheet.createRow(0);
      for (int i = 0; i < ChangeRequestRows.HEADER.size(); i++) {
        head.createCell(i).setCellValue(ChangeRequestRows.HEADER.get(i));
        head.getCell(i).setCellStyle(bold);
      }
      List<List<String>> rows = ChangeRequestRows.rows(rs);
      for (int r = 0; r < rows.size(); r++) {
        XSSFRow row = sheet.createRow(r + 1);
        for (int c = 0; c < rows.get(r).size(); c++) row.createCell(c).setCellValue(rows.get(r).get(c));
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, rows.size(), 0, ChangeRequestRows.HEADER.size() - 1));
      for (int i = 0; i < ChangeRequestRows.HEADER.size(); i++) sheet.setColumnWidth(i, Math.min(80, Math.max(10, widest(rows, i) + 2)) * 256);
      wb.write(bytes);
      return List.of(new Output(Names.slug(rs.name()) + ".xlsx", fixedTimes(bytes.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same zip with every entry dated 1980-01-01, so equal sheets are equal bytes. */
  static byte[] fixedTimes(byte[] zip) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip)); var z = new java.util.zip.ZipOutputStream(out)) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        var copy = new java.util.zip.ZipEntry(e.getName());
        copy.setTime(java.time.LocalDateTime.of(1980, 1, 1, 0, 0).atZone(java.time.ZoneOffset.UTC).toInstant().toEpochMilli());
        z.putNextEntry(copy);
        in.transferTo(z);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static int widest(List<List<String>> rows, int col) {
    int w = ChangeRequestRows.HEADER.get(col).length();
    for (List<String> r : rows) w = Math.max(w, r.get(col).length());
    return w;
  }
}
