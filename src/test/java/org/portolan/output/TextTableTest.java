package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void padsEachColumnToItsWidestCellAndRulesTheHeader() {
    String t = new TextTable("ID", "NAME", "NOTE").row("a", "longer name", "").row("bbbb", "x", "last column free").render();
    assertThat(t).isEqualTo("""
        ID    NAME         NOTE
        ----  -----------  ----------------
        a     longer name
        bbbb  x            last column free
        """);
  }

  @Test
  void withoutRuleHasNoDashes() {
    assertThat(new TextTable("A", "B").withoutRule().row("xyz", "1").render()).isEqualTo("A    B\nxyz  1\n");
  }

  @Test
  void rowsMustHaveOneCellPerColumn() {
    assertThatThrownBy(() -> new TextTable("A", "B").row("only one")).hasMessageContaining("expected 2 cells, got 1");
  }

  @Test
  void cutEndsInDotsOnlyWhenTextIsLonger() {
    assertThat(TextTable.cut("abcdefgh", 8)).isEqualTo("abcdefgh");
    assertThat(TextTable.cut("abcdefghi", 8)).isEqualTo("abcde...").hasSize(8);
  }

  @Test
  void fixedColumnsLineUpAsPrintfWould() {
    FixedColumns c = FixedColumns.of(FixedColumns.left(8), FixedColumns.left(12), FixedColumns.right(4), FixedColumns.rest(2));
    for (Object[] row : new Object[][] {{1, "a > b", 0, "flow"}, {123456789, "much longer than twelve", 12345, "-"}}) {
      assertThat(c.line(row)).isEqualTo(String.format(Locale.ROOT, "%-8s %-12s %4s  %s", row));
    }
    assertThatThrownBy(() -> c.line("too", "few")).hasMessageContaining("expected 4 cells");
  }
}
