package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {
  @ParameterizedTest
  @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"})
  void cellsASpreadsheetWouldEvaluateGetAnApostrophe(String formula) throws Exception {
    String row = Csv.row("id", formula, "tail");
    List<String> cells = read(row + "\n").getFirst();
    assertThat(cells).containsExactly("id", "'" + formula, "tail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "1-2", "a=b", "'already", " =x", "tcp/443", ""})
  void otherCellsStayAsTheyAre(String text) {
    assertThat(Csv.neutralise(text)).isEqualTo(text);
  }

  @Test
  void quotesCommasQuotesAndLineEnds() throws Exception {
    String row = Csv.row("a,b", "say \"hi\"", "two\nlines", "cr\rhere");
    assertThat(row).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\"");
    assertThat(read(row + "\n").getFirst()).containsExactly("a,b", "say \"hi\"", "two\nlines", "cr\rhere");
  }

  static List<List<String>> read(String csv) throws Exception {
    try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerForListOf(String.class).readValues(csv)) {
      return it.readAll();
    }
  }
}
