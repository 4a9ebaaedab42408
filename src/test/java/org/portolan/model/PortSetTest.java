package org.portolan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortSetTest {
  @Test
  void normalisesOverlappingAndAdjacentRanges() {
    PortSet s = PortSet.parse("445 137-139 140 53,88 138");
    assertThat(s.notation()).isEqualTo("53 88 137-140 445");
    assertThat(s.size()).isEqualTo(7);
  }

  @Test
  void algebraIsExact() {
    PortSet a = PortSet.range(1024, 65535);
    PortSet b = PortSet.of(3389, 5900);
    assertThat(a.minus(b).notation()).isEqualTo("1024-3388 3390-5899 5901-65535");
    assertThat(a.intersect(PortSet.range(0, 2000)).notation()).isEqualTo("1024-2000");
    assertThat(PortSet.EMPTY.complement()).isEqualTo(PortSet.ALL);
    assertThat(a.containsAll(b)).isTrue();
    assertThat(b.containsAll(a)).isFalse();
  }

  @Test
  void refusesPortsOutsideTheRange() {
    assertThatThrownBy(() -> PortSet.parse("65536")).hasMessageContaining("0-65535");
    assertThatThrownBy(() -> PortSet.parse("90-80")).hasMessageContaining("got '90-80'");
  }

  @Test
  void catalogNotationResolvesEveryTermKind() {
    Service series = Service.parse("tcp/series(4000,2)");
    assertThat(series.ports().resolve(new Bindings(java.util.Map.of(), 3, java.util.Map.of())).notation()).isEqualTo("4000 4002 4004");
    assertThat(Service.parse("tcp/6010+").ports().defaults().notation()).isEqualTo("6010-65535");
    assertThat(Service.parse("udp/${pvs_server_ports:6910-6930}").ports().defaults().notation()).isEqualTo("6910-6930");
    assertThat(Service.parse("udp/${pvs_server_ports:6910-6930}").ports()
        .resolve(new Bindings(java.util.Map.of("pvs_server_ports", PortSet.range(7000, 7010)), 1, java.util.Map.of())).notation()).isEqualTo("7000-7010");
    assertThat(Service.parse("tcp/dynamic(rpc)").ports().defaults().notation()).isEqualTo("49152-65535");
    assertThat(Service.parse("icmp/3/4").protocol()).isEqualTo(new Protocol.Icmp(java.util.OptionalInt.of(3), java.util.OptionalInt.of(4)));
    assertThat(Service.parse("gre").protocol()).isEqualTo(new Protocol.Ip(47));
  }

  @Test
  void catalogNotationErrorsPointAtTheTerm() {
    assertThatThrownBy(() -> Service.parse("tcp/80,70000"))
        .isInstanceOf(NotationException.class)
        .satisfies(e -> assertThat(((NotationException) e).offset()).isEqualTo(7));
    assertThatThrownBy(() -> Service.parse("tcp/dynamic(nfs)")).hasMessageContaining("unknown dynamic range 'nfs'");
    assertThatThrownBy(() -> Service.parse("tcp/dynamic(nfs-filer)").ports().defaults()).hasMessageContaining("has no default");
  }
}
