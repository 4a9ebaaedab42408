package org.portolan.compile.dialect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.util.ArrayList;
import java.util.List;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;
import org.portolan.output.Csv;

/** A change-request sheet as CSV (RFC 4180, written by Jackson): one row per permit, then the default and notes; cells neutralised against formulas ({@link Csv}). */
public final class ChangeRequestCsv implements Dialect {
  @Override
  public String name() {
    return "csv";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.everything();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(ChangeRequestRows.HEADER);
    for (List<String> row : ChangeRequestRows.rows(rs)) rows.add(Csv.neutralised(row)); // purposes come from vendor documents: no formulas
    try {
      String csv = new CsvMapper().writeValueAsString(rows);
      return List.of(Output.text(Names.slug(rs.name()) + ".csv", csv));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write CSV", e);
    }
  }
}
