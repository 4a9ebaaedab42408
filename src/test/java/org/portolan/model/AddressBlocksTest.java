package org.portolan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
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

  /** The hand-read dotted quad gives what IPAddress gives, and everything else (or an error) still comes from IPAddress. */
  @Test
  void aPlainDottedQuadIsReadAsIpAddressReadsIt() {
    java.util.Random rnd = new java.util.Random(18);
    List<String> texts = new java.util.ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "198.18.1.10", "10.0.0.1", "1.2.3.4",
        "256.1.1.1", "1.2.3.256", "01.2.3.4", "1.02.3.4", "1.2.3.00", "00.0.0.0", "1.2.3", "1.2.3.4.5", "1..3.4", ".1.2.3", "1.2.3.",
        "1.2.3.4/32", "1.2.3.4-1.2.3.9", "1.2.3.a", "1234.1.1.1", "1.2.3.4 ", "\u0661.2.3.4", "999.999.999.999", "0.0.0.00"));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int parts = rnd.nextInt(10) == 0 ? 3 + rnd.nextInt(3) : 4;
      for (int p = 0; p < parts; p++) {
        if (p > 0) b.append('.');
        int kind = rnd.nextInt(20);
        b.append(kind == 0 ? "0" + rnd.nextInt(100) : kind == 1 ? Integer.toString(250 + rnd.nextInt(10)) : kind == 2 ? "" : Integer.toString(rnd.nextInt(256)));
      }
      texts.add(b.toString());
    }
    int quads = 0;
    for (String t : texts) {
      String fast = outcome(() -> AddressBlocks.parse(t));
      String library = outcome(() -> AddressBlocks.parseWithLibrary(t.trim(), t));
      assertThat(fast).as(t).isEqualTo(library);
      if (AddressBlocks.quad(t.trim()) >= 0) {
        quads++;
        IPAddress a = AddressBlocks.parse(t).getFirst(), b = AddressBlocks.parseWithLibrary(t.trim(), t).getFirst();
        assertThat(a).isEqualTo(b);
        assertThat(a.getNetworkPrefixLength()).isEqualTo(b.getNetworkPrefixLength());
        assertThat(AddressBlocks.notation(a)).isEqualTo(AddressBlocks.notation(b));
      }
    }
    assertThat(quads).as("most strings are plain quads, so the hand reading is what is compared").isGreaterThan(10_000);
  }

  /** What parsing gives, as text: each block's canonical and prefix-length forms, or the error's message. */
  private static String outcome(java.util.function.Supplier<List<IPAddress>> parse) {
    try {
      return parse.get().stream().map(a -> a.toCanonicalString() + " " + a.toPrefixLengthString() + " " + a.getNetworkPrefixLength() + " " + a.isPrefixBlock()).toList().toString();
    } catch (IllegalArgumentException e) {
      return "error: " + e.getMessage();
    }
  }
}
