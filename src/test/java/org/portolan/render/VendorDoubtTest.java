package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.testing.Cli;

/** Vendor rows that are probably slips stay as stated and are flagged "as the vendor states; review" in doc (and the report's tables). */
class VendorDoubtTest {
  static List<String> rows(String product) {
    Cli doc = Cli.run("doc", product, "--format", "csv");
    assertThat(doc.code()).as(doc.err()).isZero();
    return doc.out().lines().toList();
  }

  @Test
  void ntpOverTcpIsFlaggedAndNtpOverUdpIsNot() {
    List<String> ntp = rows("xenserver").stream().filter(l -> l.contains(",123,")).toList();
    assertThat(ntp).isNotEmpty();
    assertThat(ntp).allSatisfy(l -> {
      if (l.contains(",TCP,")) assertThat(l).contains("as the vendor states; review");
      else assertThat(l).doesNotContain("as the vendor states");
    });
    assertThat(ntp).anySatisfy(l -> assertThat(l).contains(",TCP,"));
  }

  @Test
  void udpOnTheDynamicRpcRangeIsFlaggedInBothDirectionsAndTcpIsNot() {
    List<String> dynamic = rows("configmgr").stream().filter(l -> l.contains("dynamic rpc-wide")).toList();
    assertThat(dynamic.stream().filter(l -> l.contains(",UDP,"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("as the vendor states; review: UDP on the dynamic RPC range"));
    assertThat(dynamic.stream().filter(l -> l.contains(",UDP,") && l.contains(",Inbound,"))).isNotEmpty();
    assertThat(dynamic.stream().filter(l -> l.contains(",UDP,") && l.contains(",Outbound,"))).isNotEmpty();
    assertThat(dynamic.stream().filter(l -> l.contains(",TCP,"))).isNotEmpty().noneSatisfy(l -> assertThat(l).contains("as the vendor states"));
  }
}
