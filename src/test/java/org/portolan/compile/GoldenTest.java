package org.portolan.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.portolan.deployment.Deployment;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.FlowsCsv;
import org.portolan.testing.Golden;

/**
 * Golden files for every dialect: {@code src/test/resources/compile/<case>/expected/<dialect>/<file>}.
 * Checked with {@link Golden} ({@code .actual} on a mismatch, {@code -Dportolan.golden.update=true}
 * accepts). XLSX is compared as the
 * text of its cells ({@code .xlsx.txt}). Structured outputs must also parse (JSON / YAML).
 */
class GoldenTest {
  static final Path ROOT = Path.of("src/test/resources/compile");

  record Case(String name, FlowPlan plan, Optional<Deployment> deployment, CompileOptions options) {}

  static List<Case> cases() {
    Diagnostics d = new Diagnostics();
    FlowPlan flows = FlowsCsv.read(ROOT.resolve("flows/flows.csv"), d);
    assertThat(d.all()).isEmpty();
    CompileOptions partial = CompileOptions.defaults().withPartial(true);
    return List.of(
        new Case("flows", flows, Optional.empty(), partial),
        new Case("network", Sites.enterprisePlan(), Optional.of(Sites.enterprise()), partial),
        new Case("host", Sites.enterprisePlan(), Optional.of(Sites.enterpriseHostFirewalls()), new CompileOptions(Optional.empty(), true, false, true, null)),
        new Case("resolve", Sites.resolvePlan(), Optional.empty(), new CompileOptions(Optional.empty(), false, true, true, GoldenTest::loopbackOnly)));
  }

  /** A fixed resolver, so the golden files do not depend on this machine's /etc/hosts. */
  static List<inet.ipaddr.IPAddress> loopbackOnly(String fqdn) {
    return fqdn.equals("localhost") ? Fixtures.blocks("127.0.0.1") : List.of();
  }

  @TestFactory
  Stream<DynamicTest> everyDialectMatchesItsGoldenFiles() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case c : cases()) {
      for (Dialect dialect : Dialects.all()) {
        if (c.name().equals("resolve") && !List.of("iptables", "nftables", "asa").contains(dialect.name())) continue;
        tests.add(DynamicTest.dynamicTest(c.name() + "/" + dialect.name(), () -> check(c, dialect)));
      }
    }
    return tests.stream();
  }

  private static void check(Case c, Dialect dialect) throws IOException {
    Diagnostics d = new Diagnostics();
    Map<RuleSet, List<Output>> rendered = Compiler.render(c.plan(), c.deployment(), dialect, c.options(), d);
    assertThat(d.errors()).isEmpty();
    assertThat(rendered).isNotEmpty();
    Path dir = ROOT.resolve(c.name()).resolve("expected").resolve(dialect.name());
    List<String> mismatches = new ArrayList<>();
    for (List<Output> outputs : rendered.values()) {
      for (Output o : outputs) {
        String name = o.fileName();
        byte[] bytes = o.content();
        if (name.endsWith(".xlsx")) {
          bytes = xlsxText(bytes).getBytes(StandardCharsets.UTF_8);
          name = name + ".txt";
        }
        wellFormed(name, bytes);
        Golden.mismatch(dir.resolve(name), bytes).ifPresent(mismatches::add);
      }
    }
    if (!mismatches.isEmpty()) fail(String.join("\n", mismatches));
  }

  /** Structured outputs must parse. */
  private static void wellFormed(String name, byte[] bytes) throws IOException {
    if (name.endsWith(".json")) new ObjectMapper().readTree(bytes);
    if (name.endsWith(".yaml")) assertThat(new YAMLMapper().readTree(bytes).get("kind").asText()).isEqualTo("List");
  }

  /** The cells of every sheet, tab-separated, one row per line. */
  static String xlsxText(byte[] xlsx) throws IOException {
    StringBuilder b = new StringBuilder();
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      for (var sheet : wb) {
        b.append("== sheet ").append(sheet.getSheetName()).append(" ==\n");
        for (Row row : sheet) {
          List<String> cells = new ArrayList<>();
          for (Cell cell : row) cells.add(cell.getStringCellValue());
          b.append(String.join("\t", cells)).append('\n');
        }
      }
    }
    return b.toString();
  }
}
