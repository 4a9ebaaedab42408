package org.portolan.compile.dialect;

import java.util.List;
import org.portolan.compile.Names;
import org.portolan.compile.Capabilities;
import org.portolan.compile.Dialect;
import org.portolan.compile.Output;
import org.portolan.compile.RuleSet;

/** The rules as a Markdown document: what the rule set is, its default, notes and a table of permits. */
public final class Markdown implements Dialect {
  @Override
  public String name() {
    return "markdown";
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.everything();
  }

  @Override
  public List<Output> render(RuleSet rs) {
    StringBuilder b = new StringBuilder("# Firewall rules: ").append(cell(rs.name())).append("\n\n");
    for (String l : Texts.header(rs, name(), "drop everything not permitted below; replies to permitted connections pass (stateful).", List.of())) b.append("- ").append(cell(l)).append('\n');
    b.append("\n| # | placement | source | destination | protocol | ports | purpose | requirements |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    int n = 0;
    for (List<String> row : ChangeRequestRows.rows(rs)) {
      if (!row.getFirst().equals("permit")) continue;
      n++;
      b.append("| ").append(n);
      for (int i : new int[] {2, 3, 4, 5, 6, 7, 9}) b.append(" | ").append(cell(row.get(i)));
      b.append(" |\n");
    }
    return List.of(Output.text(Names.slug(rs.name()) + ".md", b.toString()));
  }

  /** Escapes what would break a table cell or start Markdown markup. */
  static String cell(String s) {
    return Texts.line(s).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("\n", " ");
  }
}
