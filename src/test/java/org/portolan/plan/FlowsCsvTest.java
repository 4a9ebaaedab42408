package org.portolan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;

class FlowsCsvTest {
  private static Diagnostics errors(String csv) {
    Diagnostics d = new Diagnostics();
    FlowsCsv.read(csv, "f.csv", d);
    return d;
  }

  /** A cell text repeated on many rows is parsed once; a bad one is still reported on every row. */
  @Test
  void repeatedCellsShareTheirEndpointsAndRepeatedErrorsAreReportedEachTime() {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read("""
        name,src,dst,proto,ports
        a,198.18.1.1,198.18.0.10,tcp,1
        b,198.18.1.1,198.18.0.10,tcp,2
        c,198.18.0.10,198.18.1.1,udp,3
        """, "f.csv", d);
    assertThat(d.errors()).isEmpty();
    assertThat(p.flows().get(1).sources().getFirst()).isSameAs(p.flows().get(0).sources().getFirst());
    assertThat(p.flows().get(2).sources().getFirst()).isSameAs(p.flows().get(0).destinations().getFirst());
    assertThat(((Endpoint.Addresses) p.flows().get(2).destinations().getFirst()).blocks())
        .isEqualTo(((Endpoint.Addresses) p.flows().get(0).sources().getFirst()).blocks());
    Diagnostics bad = errors("""
        name,src,dst,proto,ports
        a,198.18.1.300,198.18.0.10,tcp,1
        b,198.18.1.300,198.18.0.10,tcp,2
        """);
    assertThat(bad.errors()).extracting(e -> e.position().line()).containsExactly(2, 3);
  }

  @Test
  void readsEveryNotation() {
    Diagnostics d = new Diagnostics();
    FlowPlan p = FlowsCsv.read("""
        name,src,dst,proto,ports,purpose
        dc,198.18.1.0/24 198.18.2.1-198.18.2.3,198.18.0.10,tcp,53 88 49152-65535,AD
        ping,198.18.1.1,2001:db8::1,icmp,8
        gre,198.18.1.1,198.18.0.10,47,
        cdn,198.18.1.1,repo.ops.xenserver.com,tcp,443
        """, "f.csv", d);
    assertThat(d.errors()).isEmpty();
    assertThat(p.flows()).hasSize(4);
    Flow dc = p.flows().getFirst();
    assertThat(dc.ports()).isEqualTo(PortSet.parse("53 88 49152-65535"));
    assertThat(dc.sources()).hasSize(2);
    assertThat(((Endpoint.Addresses) dc.sources().get(1)).blocks()).hasSize(2); // .1/32 and .2/31
    assertThat(dc.traces().getFirst().purpose()).isEqualTo("AD");
    assertThat(p.flows().get(1).protocol()).isEqualTo(Protocol.Icmp.ofType(8));
    assertThat(p.flows().get(2).protocol()).isEqualTo(new Protocol.Ip(47));
    assertThat(p.flows().get(3).destinations().getFirst()).isInstanceOf(Endpoint.Fqdn.class);
  }

  @Test
  void errorsNameLineColumnAndWhatWasExpected() {
    Diagnostics d = errors("name,src,dst,proto,ports\nweb,198.18.1.1,198.18.0.1,tcp,80\nbad,198.18.1.1,198.18.0.1,tcp,99999\n");
    assertThat(d.errors()).extracting(Diagnostic::render)
        .containsExactly("f.csv:3:31: error: column 'ports': expected ports like '80', '53 88' or '49152-65535' (each 0-65535), got '99999'");
  }

  @Test
  void emptyPortsForTcpAreRefusedNotWidenedToAny() {
    assertThat(errors("name,src,dst,proto,ports\nx,198.18.1.1,198.18.0.1,tcp,\n").errors()).singleElement()
        .extracting(Diagnostic::message).asString().contains("column 'ports'");
  }

  @Test
  void otherMistakes() {
    assertThat(errors("nom,src,dst,proto,ports\n").errors().getFirst().message()).startsWith("expected the header 'name,src,dst,proto,ports'");
    assertThat(errors("name,src,dst,proto,ports\nx,198.18.1.1,198.18.0.1,sctpx,1\n").errors().getFirst().render()).startsWith("f.csv:2:25: error: column 'proto'");
    assertThat(errors("name,src,dst,proto,ports\nx,198.18.1.5/24,198.18.0.1,tcp,1\n").errors().getFirst().message()).contains("host bits set");
    assertThat(errors("name,src,dst,proto,ports\nx,198.18.1.1,198.18.0.1,tcp,1\nx,198.18.1.1,198.18.0.1,tcp,2\n").errors().getFirst().message()).contains("already used on line 2");
    assertThat(errors("name,src,dst,proto,ports\nx,198.18.1.1,198.18.0.1,47,5\n").errors().getFirst().message()).contains("has no ports");
  }
}
