package org.portolan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Protocol 0 reads as "every protocol" to iptables and the ASA, so the model never holds it. */
class ProtocolTest {
  @ParameterizedTest
  @ValueSource(strings = {"0", "000", "00"})
  void protocolZeroIsRefusedWithTheReason(String text) {
    assertThat(Protocol.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> Protocol.parse(text)).hasMessageContaining("every protocol");
    assertThatThrownBy(() -> new Protocol.Ip(0)).hasMessageContaining("1-255");
  }

  @Test
  void catalogNotationIpZeroIsRefusedAtItsColumn() {
    assertThatThrownBy(() -> Service.parse("ip/0")).isInstanceOf(NotationException.class).hasMessageContaining("every protocol");
  }

  @Test
  void otherNumbersStay() {
    assertThat(Protocol.parse("47")).isEqualTo(new Protocol.Ip(47));
    assertThat(Protocol.parse("6")).isEqualTo(Protocol.TCP);
    assertThat(Protocol.parse("255")).isEqualTo(new Protocol.Ip(255));
    assertThat(Protocol.tryParse("256")).isEmpty();
  }
}
