package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortTablesTest {
  @Test
  void directionIsRelativeToTheComponent() {
    List<PortTables.Table> tables = PortTables.tables(Fixtures.product());
    assertThat(tables).extracting(t -> t.component().id()).containsExactly("primary-server", "satellite", "managed-device", "database");
    PortTables.Table primary = tables.getFirst();
    assertThat(primary.rows()).filteredOn(r -> r.requirement().equals("casa"))
        .singleElement().satisfies(r -> {
          assertThat(r.direction()).isEqualTo("Inbound");
          assertThat(r.peer()).isEqualTo("Managed Device");
          assertThat(r.port()).isEqualTo("2645");
          assertThat(r.protocol()).isEqualTo("TCP");
        });
    assertThat(primary.rows()).filteredOn(r -> r.requirement().equals("patch-cdn")).singleElement()
        .satisfies(r -> {
          assertThat(r.direction()).isEqualTo("Outbound");
          assertThat(r.peer()).isEqualTo("Patch content CDN (novell.cdn.lumension.com)");
        });
    assertThat(primary.rows()).filteredOn(r -> r.requirement().equals("rpc")).extracting(PortTables.Row::port)
        .containsExactly("135", "dynamic rpc (49152-65535)");
    PortTables.Table device = tables.get(2);
    assertThat(device.rows()).filteredOn(r -> r.requirement().equals("agent-local")).singleElement()
        .satisfies(r -> {
          assertThat(r.direction()).isEqualTo("Loopback");
          assertThat(r.configurable()).isEqualTo("yes: agent_port");
          assertThat(r.port()).isEqualTo("7628");
        });
    assertThat(device.rows()).filteredOn(r -> r.requirement().equals("pxe")).extracting(PortTables.Row::condition).containsOnly("imaging");
    assertThat(tables.get(1).rows()).filteredOn(r -> r.requirement().equals("remote")).extracting(PortTables.Row::port)
        .containsExactly("4000, 4002, … (one per member)", "6010 and above");
    assertThat(device.rows()).filteredOn(r -> r.requirement().equals("ping")).extracting(PortTables.Row::port, PortTables.Row::direction)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("type 8", "Inbound"));
  }

  @Test
  void everyRequirementAppearsOnBothEndsExceptExternalOnes() {
    var tables = PortTables.tables(Fixtures.product());
    long rows = tables.stream().mapToLong(t -> t.rows().size()).sum();
    // per requirement, service and responder: one row at the initiator, one at the responder (not for external or loopback)
    assertThat(rows).isEqualTo(
        2 * 2 * 1    // content-http: 2 responders x 1 service, both ends
        + 2          // casa
        + 2 * 2      // pxe: 2 services
        + 2          // db-mssql
        + 1          // patch-cdn: only the primary server (the CDN has no table)
        + 2          // ping
        + 1          // agent-local: loopback, once
        + 2 * 2      // rpc: 2 services
        + 2 * 2);    // remote: 2 services
  }

  @Test
  void markdownHasATablePerComponentWithPipesEscaped() {
    String md = PortTables.markdown(Fixtures.product());
    assertThat(md).startsWith("# ZENworks mini (`zen-mini`)\n");
    assertThat(md).contains("## Ports used by the Primary Server\n", "## Ports used by the Database \"MSSQL\" \\\\ server\n");
    assertThat(md.lines().filter(l -> l.startsWith("| Port | Protocol | Direction |"))).hasSize(4);
    assertThat(md).contains("| 2645 | TCP | Inbound | Managed Device | CASA authentication <fallback> |");
    assertThat(md).doesNotContain("Patch content CDN\n##");
  }

  @Test
  void csvReadsBackWithTheSameCells() throws IOException {
    String csv = PortTables.csv(Fixtures.product());
    CsvMapper m = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = m.readerFor(String[].class).readValues(csv)) {
      List<String[]> rows = it.readAll();
      assertThat(rows.getFirst()).containsExactlyElementsOf(PortTables.HEADER);
      List<PortTables.Row> expected = PortTables.tables(Fixtures.product()).stream().flatMap(t -> t.rows().stream()).toList();
      assertThat(rows).hasSize(expected.size() + 1);
      for (int i = 0; i < expected.size(); i++) assertThat(rows.get(i + 1)).containsExactlyElementsOf(expected.get(i).cells());
    }
  }
}
