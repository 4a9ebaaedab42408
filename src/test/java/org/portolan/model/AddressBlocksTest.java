package org.portolan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One documented notation; everything another tool might read as a different host is refused. */
class AddressBlocksTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      198.18.1.10               | 198.18.1.10
      198.18.0.0/24             | 198.18.0.0/24
      2001:db8::1               | 2001:db8::1
      2001:db8::/32             | 2001:db8::/32
      198.18.1.1-198.18.1.2     | 198.18.1.1,198.18.1.2
      198.18.1.0-198.18.1.255   | 198.18.1.0/24
      """)
  void theDocumentedNotationParses(String text, String blocks) {
    assertThat(AddressBlocks.parse(text).stream().map(AddressBlocks::notation).toList()).isEqualTo(List.of(blocks.split(",")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      198.18.2.0/0.0.0.255     | a mask is not accepted
      198.18.2.0/255.0.255.0   | a mask is not accepted
      198.18.2.0/255.255.255.0 | a mask is not accepted
      198.18.1                 | four decimal parts
      10                       | four decimal parts
      010.0.0.1                | leading zeros
      198.018.0.1              | leading zeros
      fe80::1%eth0             | zone ids
      0x0a.0.0.1               | expected an IP address
      198.18.*.1               | expected an IP address
      """)
  void notationsOtherToolsReadAsOtherHostsAreRefused(String text, String why) {
    assertThatThrownBy(() -> AddressBlocks.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why).hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"198.18.2.1-5", "198.18.2.1-198.18.2", "198.18.2.1-010.0.0.1"})
  void rangesNeedTwoWholeAddresses(String text) {
    assertThatThrownBy(() -> AddressBlocks.parse(text)).hasMessageContaining("two whole");
  }

  @org.junit.jupiter.api.Test
  void aShortRangeEndSaysWhatToWrite() {
    assertThatThrownBy(() -> AddressBlocks.parse("198.18.2.1-5")).hasMessageContaining("write 198.18.2.1-198.18.2.5");
  }

  @org.junit.jupiter.api.Test
  void hostBitsAreRefusedNotWidened() {
    assertThatThrownBy(() -> AddressBlocks.parse("198.18.2.1/24")).hasMessageContaining("host bits");
    List<IPAddress> one = AddressBlocks.parse("198.18.2.1");
    assertThat(one).singleElement().satisfies(a -> assertThat(a.getCount().intValue()).isEqualTo(1));
  }

  /** One IPv4 address is written by arithmetic: as IPAddress writes it, for addresses parsed and made from numbers, with and without /32. */
  @org.junit.jupiter.api.Test
  void oneIpv4AddressIsWrittenAsIpAddressWritesIt() {
    java.util.Random rnd = new java.util.Random(18);
    for (int i = 0; i < 20_000; i++) {
      int v = i < 4 ? new int[] {0, -1, 0x7F000001, 0x80000000}[i] : rnd.nextInt();
      IPAddress a = new inet.ipaddr.ipv4.IPv4Address(v), host = a.setPrefixLength(32, false);
      String expected = a.toCanonicalString();
      assertThat(AddressBlocks.notation(a)).isEqualTo(expected);
      assertThat(AddressBlocks.notation(host)).isEqualTo(expected);
      assertThat(AddressBlocks.notation(AddressBlocks.parse(expected).getFirst())).isEqualTo(expected);
    }
    assertThat(AddressBlocks.notation(AddressBlocks.parse("198.18.0.0/24").getFirst())).isEqualTo("198.18.0.0/24");
  }
}
