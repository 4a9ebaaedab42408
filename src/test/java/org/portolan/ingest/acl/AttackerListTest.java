package org.portolan.ingest.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.ingest.acl.AclAssert.verdict;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.verify.Verdict;
import org.portolan.verify.VerifyOptions;

/** The attacker's list of issue #13: each case where verify once said "allowed" and the kernel dropped. */
class AttackerListTest {
  static Acl read(String text) {
    Diagnostics d = new Diagnostics();
    return RulesetImporter.read(text, "a", Optional.empty(), d).orElseThrow(() -> new AssertionError(d.all()));
  }

  @Test
  void nonContiguousMaskIsExactlyTheKernelsAgainstBruteForce() {
    Random rnd = new Random(13);
    for (int k = 0; k < 200; k++) {
      long mask = rnd.nextLong() & 0xFFFF_FFFFL | 0xFFF0_0000L; // at most 20 free bits
      long value = rnd.nextLong() & 0xFFFF_FFFFL;
      Addrs a = Addrs.masked(value, mask).orElseThrow();
      for (int i = 0; i < 200; i++) {
        long x = i % 2 == 0 ? rnd.nextLong() & 0xFFFF_FFFFL : (value & mask) | (rnd.nextLong() & ~mask & 0xFFFF_FFFFL);
        assertThat(a.v4().contains(0, x)).as("%x & %x == %x", x, mask, value & mask).isEqualTo((x & mask) == (value & mask));
      }
    }
    assertThat(Addrs.masked(12, 0xFF)).as("2^24 ranges are refused, never approximated").isEmpty();
  }

  @Test
  void theKernelsOwnSaveFormOfAMaskDrops() {
    Acl a = read("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 0.0.2.5/0.0.255.255 -j DROP\nCOMMIT\n");
    assertThat(verdict(a, VerifyOptions.DEFAULT.withPath("input"), "198.18.2.5", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
    assertThat(verdict(a, VerifyOptions.DEFAULT.withPath("input"), "198.18.2.6", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("allowed");
  }

  @Test
  void dropsInOtherTablesAndHooksAreEvaluated() {
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    Acl mangle = read("*mangle\n:PREROUTING DROP [0:0]\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
    assertThat(verdict(mangle, in, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict()).isInstanceOfSatisfying(Verdict.Blocked.class, b -> assertThat(b.rule().line()).isEqualTo(2));
    Acl raw = read("*raw\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 22 -j DROP\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
    assertThat(verdict(raw, in, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
    Acl dnat = read("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 198.19.0.9:8080\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
    assertThat(verdict(dnat, in, "198.18.1.1", "198.19.0.1", "tcp", "80").verdict().keyword()).isEqualTo("undetermined");
    assertThat(verdict(dnat, in, "198.18.1.1", "198.19.0.1", "tcp", "81").verdict().keyword()).isEqualTo("allowed");
    Acl route = read("table ip m {\n chain o { type route hook output priority mangle; policy drop; }\n}\ntable ip f {\n chain i { type filter hook input priority 0; policy accept; }\n}\n");
    assertThat(verdict(route, in, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict()).as("the reply leaves by the route chain").isInstanceOf(Verdict.Blocked.class);
    Acl pre = read("table netdev n {\n chain g { type filter hook ingress device \"eth0\" priority 0; policy accept; tcp dport 22 drop; }\n}\ntable inet f {\n chain i { type filter hook input priority 0; policy accept; }\n}\n");
    assertThat(verdict(pre, in, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("blocked");
  }

  @Test
  void theStandardVerdictMapIdiomsAreRead() {
    Acl a = read("table inet f {\n chain i {\n  type filter hook input priority 0; policy drop;\n  ct state vmap { established : accept, related : accept, invalid : drop }\n"
        + "  meta l4proto vmap { tcp : jump t, udp : jump u }\n }\n chain t { tcp dport 22 accept; }\n chain u { udp dport 53 accept; }\n}\n");
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    assertThat(verdict(a, in, "198.18.1.1", "198.19.0.1", "tcp", "22").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(a, in, "198.18.1.1", "198.19.0.1", "udp", "53").verdict().keyword()).isEqualTo("allowed");
    assertThat(verdict(a, in, "198.18.1.1", "198.19.0.1", "tcp", "23").verdict().keyword()).isEqualTo("blocked");
  }

  @Test
  void rateConditionsAreReadForTheFirstConnection() {
    Acl ufwLimit = read("*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
        + "-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --set --name DEFAULT --mask 255.255.255.255 --rsource\n"
        + "-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 --name DEFAULT --mask 255.255.255.255 --rsource -j DROP\n"
        + "-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
    assertThat(verdict(ufwLimit, VerifyOptions.DEFAULT.withPath("input"), "198.18.1.1", "198.19.0.1", "tcp", "22").verdict())
        .isInstanceOfSatisfying(Verdict.Allowed.class, x -> assertThat(x.rateLimitedBy()).extracting(LineSource::line).containsExactly(5));
  }

  @Test
  void tcpFlagsAreReadAgainstTheModelsPackets() {
    assertThat(TcpFlags.read(TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.ACK, TcpFlags.SYN, false)).isEqualTo(new TcpFlags.Reading(Ranges.single(Box.NEW), true));
    assertThat(TcpFlags.read(TcpFlags.FIN | TcpFlags.SYN | TcpFlags.RST | TcpFlags.ACK, TcpFlags.SYN, true)).isEqualTo(new TcpFlags.Reading(Ranges.single(Box.ESTABLISHED), true));
    assertThat(TcpFlags.read(TcpFlags.SYN, TcpFlags.SYN, false).exact()).as("SYN is set on the reply's SYN-ACK, not on its ACKs").isFalse();
    assertThat(TcpFlags.read(0x3F, 0, false).states()).as("a null scan matches none of a connection's packets").isEqualTo(Ranges.EMPTY);
  }

  @Test
  void addressTypesAgainstTheHostsAddresses() {
    Addrs local = Addrs.parse("198.19.0.1").orElseThrow();
    AddressTypes.Reading lo = AddressTypes.of("LOCAL", local).orElseThrow();
    assertThat(lo.sure().v4().contains(0, 0xC6130001L)).isTrue();
    assertThat(lo.maybe().isEmpty()).isTrue();
    AddressTypes.Reading bc = AddressTypes.of("BROADCAST", local).orElseThrow();
    assertThat(bc.sure().v4().contains(0, 0xFFFFFFFFL)).isTrue();
    assertThat(bc.maybe().v4().contains(0, 0xC6130001L)).as("a local address is never a broadcast").isFalse();
    assertThat(List.of("ANYCAST", "BLACKHOLE")).allSatisfy(t -> assertThat(AddressTypes.of(t, local)).isEmpty());
  }

  /** Shorewall's anti-smurf line: with the host's interface prefixes every broadcast source is known, so the verdict is exact. */
  @Test
  void broadcastSourcesAreExactWhenTheInterfacePrefixesAreKnown() {
    String save = "*filter\n:INPUT DROP [0:0]\n-A INPUT -m addrtype --src-type BROADCAST -j DROP\n-A INPUT -p tcp -j ACCEPT\nCOMMIT\n";
    var iface = List.of(new inet.ipaddr.IPAddressString("198.19.2.10/24").getAddress());
    var bare = List.of(new inet.ipaddr.IPAddressString("198.19.2.10").getAddress());
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    Acl exact = RulesetImporter.read(save, "s", Optional.empty(), HostFacts.of(iface, java.util.Map.of()), new Diagnostics()).orElseThrow();
    Acl unsure = RulesetImporter.read(save, "s", Optional.empty(), HostFacts.of(bare, java.util.Map.of()), new Diagnostics()).orElseThrow();
    assertThat(verdict(exact, in, "198.18.1.10", "198.19.2.10", "tcp", "1001").verdict()).isInstanceOf(Verdict.Allowed.class);
    assertThat(verdict(exact, in, "198.19.2.255", "198.19.2.10", "tcp", "1001").verdict()).as("the subnet's broadcast address").isInstanceOf(Verdict.Blocked.class);
    assertThat(verdict(unsure, in, "198.18.1.10", "198.19.2.10", "tcp", "1001").verdict()).as("without the prefix 198.18.1.10 may be a directed broadcast").isInstanceOf(Verdict.Undetermined.class);
    assertThat(HostFacts.of(iface, java.util.Map.of()).local().v4().contains(0, 0xC613020BL)).as("198.19.2.10/24 is one address, not the block").isFalse();
    assertThat(HostFacts.of(List.of(new inet.ipaddr.IPAddressString("198.19.2.0/24").getAddress()), java.util.Map.of()).broadcast()).as("a block says nothing of the subnets").isEmpty();
  }

  /** nft prints iptables' --tcp-flags ALL NONE as 'tcp flags ! fin,syn,rst,psh,ack,urg': no packet of a connection has none of them. */
  @Test
  void nftTcpFlagsNoneOfAList() {
    String nft = "table ip f {\n chain in {\n  type filter hook input priority 0; policy accept;\n  tcp flags ! fin,syn,rst,psh,ack,urg drop\n  tcp dport 22 drop\n }\n}\n";
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(nft, "f.nft", Optional.empty(), d).orElseThrow();
    assertThat(d.warnings()).isEmpty();
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "80").verdict()).isInstanceOf(Verdict.Allowed.class);
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "22").verdict().rule().line()).isEqualTo(5);
  }

  /** firewalld's 'ct status dnat accept' and '--ctstate RELATED,ESTABLISHED,DNAT': false for a first packet no DNAT rewrote. */
  @Test
  void dnatStatusIsFalseForAFirstPacketNoDnatRewrote() {
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    String save = "*filter\n:INPUT DROP [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";
    String nft = "table inet f {\n chain in {\n  type filter hook input priority 0; policy drop;\n  ct status dnat accept\n  tcp dport 22 accept\n }\n}\n";
    for (String rs : List.of(save, nft)) {
      Acl acl = RulesetImporter.read(rs, "r", Optional.empty(), new Diagnostics()).orElseThrow();
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "22").verdict()).as(rs).isInstanceOf(Verdict.Allowed.class);
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "80").verdict()).as(rs).isInstanceOf(Verdict.Blocked.class);
    }
    String dnatFirst = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 198.19.2.11:22\nCOMMIT\n" + save;
    Acl acl = RulesetImporter.read(dnatFirst, "r", Optional.empty(), new Diagnostics()).orElseThrow();
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "80").verdict()).as("rewritten first: not known").isInstanceOf(Verdict.Undetermined.class);
  }

  /** hash:ip,port,net with the rule's flags: field i is the source or the destination as flag i says; fewer flags than fields match nothing. */
  @Test
  void tupleIpsetsAreReadFieldByField() {
    Diagnostics d = new Diagnostics();
    var sets = org.portolan.ingest.iptables.IpsetSave.read("create ipn hash:ip,port,net family inet\nadd ipn 198.19.2.12,udp:6000,198.18.1.8/30\n"
        + "create ex hash:net family inet\nadd ex 198.18.1.0/24\nadd ex 198.18.1.8/30 nomatch\n", "s", d);
    assertThat(d.all()).isEmpty();
    assertThat(sets.single().get("ex")).as("nomatch exceptions are not modelled").isEmpty();
    String save = "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m set --match-set ipn dst,dst -j DROP\n-A INPUT -m set --match-set ipn dst,dst,src -j DROP\nCOMMIT\n";
    Acl acl = RulesetImporter.read(save, "r", Optional.empty(), HostFacts.of(List.of(), sets.single(), sets.tuples()), new Diagnostics()).orElseThrow();
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.12", "udp", "6000").verdict().rule().line()).isEqualTo(4);
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.12", "tcp", "6000").verdict()).isInstanceOf(Verdict.Allowed.class);
    assertThat(verdict(acl, in, "198.18.1.13", "198.19.2.12", "udp", "6000").verdict()).isInstanceOf(Verdict.Allowed.class);
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.11", "udp", "6000").verdict()).isInstanceOf(Verdict.Allowed.class);
  }

  /** 'ct count over 100' as nft -j writes it: a rate condition the first connection does not exceed, not an unknown statement. */
  @Test
  void nftJsonCtCountIsARateCondition() {
    String json = "{\"nftables\":[{\"table\":{\"family\":\"inet\",\"name\":\"t\",\"handle\":1}},{\"chain\":{\"family\":\"inet\",\"table\":\"t\",\"name\":\"c\",\"handle\":1,"
        + "\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"accept\"}},{\"rule\":{\"family\":\"inet\",\"table\":\"t\",\"chain\":\"c\",\"handle\":2,\"expr\":["
        + "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":3000}},{\"ct count\":{\"val\":100,\"inv\":true}},"
        + "{\"reject\":{\"type\":\"icmpx\",\"expr\":\"port-unreachable\"}}]}}]}";
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(json, "r.json", Optional.empty(), d).orElseThrow();
    assertThat(d.warnings()).isEmpty();
    assertThat(verdict(acl, VerifyOptions.DEFAULT.withPath("input"), "198.18.1.10", "198.19.2.10", "tcp", "3000").verdict()).isInstanceOf(Verdict.Allowed.class);
  }

  /** A mark set earlier on the path decides a mark condition; where nothing set it the condition is doubted. */
  @Test
  void marksSetOnThePathAreFollowed() {
    String save = "*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -m tcp --dport 1001 -j MARK --set-xmark 0x1/0xffffffff\nCOMMIT\n"
        + "*filter\n:INPUT DROP [0:0]\n-A INPUT -m mark --mark 0x1 -j ACCEPT\n-A INPUT -p udp -j ACCEPT\nCOMMIT\n";
    String nft = "table inet m {\n chain pre {\n  type filter hook prerouting priority mangle; policy accept;\n  tcp dport 1001 meta mark set 0x1\n }\n"
        + " chain in {\n  type filter hook input priority 0; policy drop;\n  meta mark 0x00000001 accept\n  meta l4proto udp accept\n }\n}\n";
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    for (String rs : List.of(save, nft)) {
      Diagnostics d = new Diagnostics();
      Acl acl = RulesetImporter.read(rs, "r", Optional.empty(), d).orElseThrow();
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1001").verdict()).as(rs + d.all()).isInstanceOf(Verdict.Allowed.class);
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1002").verdict()).as("nothing set the mark").isInstanceOf(Verdict.Undetermined.class);
    }
  }

  /** {@code meta mark & M == V} (and {@code and M != V}, text and JSON) decide exactly where the path set the mark; {@code -m mark --mark V/M} likewise. */
  @Test
  void maskedMarkConditionsAreExact() {
    String pre = "table inet m {\n chain pre {\n  type filter hook prerouting priority mangle; policy accept;\n  tcp dport 1001 meta mark set 0x12\n  tcp dport 1002 meta mark set 0x21\n  tcp dport 1003 meta mark set 0x0\n  tcp dport 1005 meta mark set 0x1ff\n  tcp dport 1005 meta mark set meta mark & 0xffffff00 ^ 0x2\n  tcp dport 1006 meta mark set 0x1\n  tcp dport 1006 meta mark set mark or 0x20\n }\n";
    String text = pre + " chain in {\n  type filter hook input priority 0; policy drop;\n  meta mark & 0x0000000f == 0x00000002 accept\n  meta mark and 0xf0 != 0x20 tcp dport 1003 accept\n }\n}\n";
    String json = "{\"nftables\": [{\"table\": {\"family\": \"inet\", \"name\": \"m\"}},"
        + "{\"chain\": {\"family\": \"inet\", \"table\": \"m\", \"name\": \"pre\", \"type\": \"filter\", \"hook\": \"prerouting\", \"prio\": -150, \"policy\": \"accept\"}},"
        + "{\"chain\": {\"family\": \"inet\", \"table\": \"m\", \"name\": \"in\", \"type\": \"filter\", \"hook\": \"input\", \"prio\": 0, \"policy\": \"drop\"}},"
        + "{\"rule\": {\"family\": \"inet\", \"table\": \"m\", \"chain\": \"pre\", \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": 1001}},"
        + " {\"mangle\": {\"key\": {\"meta\": {\"key\": \"mark\"}}, \"value\": 18}}]}},"
        + "{\"rule\": {\"family\": \"inet\", \"table\": \"m\", \"chain\": \"pre\", \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": 1002}},"
        + " {\"mangle\": {\"key\": {\"meta\": {\"key\": \"mark\"}}, \"value\": 33}}]}},"
        + "{\"rule\": {\"family\": \"inet\", \"table\": \"m\", \"chain\": \"pre\", \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": 1003}},"
        + " {\"mangle\": {\"key\": {\"meta\": {\"key\": \"mark\"}}, \"value\": 0}}]}},"
        + "{\"rule\": {\"family\": \"inet\", \"table\": \"m\", \"chain\": \"in\", \"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"&\": [{\"meta\": {\"key\": \"mark\"}}, 15]}, \"right\": 2}}, {\"accept\": null}]}},"
        + "{\"rule\": {\"family\": \"inet\", \"table\": \"m\", \"chain\": \"in\", \"expr\": [{\"match\": {\"op\": \"!=\", \"left\": {\"&\": [{\"meta\": {\"key\": \"mark\"}}, 240]}, \"right\": 32}},"
        + " {\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": 1003}}, {\"accept\": null}]}}]}";
    String save = "*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -m tcp --dport 1001 -j MARK --set-xmark 0x12/0xffffffff\n"
        + "-A PREROUTING -p tcp -m tcp --dport 1002 -j MARK --set-xmark 0x21/0xffffffff\n-A PREROUTING -p tcp -m tcp --dport 1003 -j MARK --set-xmark 0x0/0xffffffff\nCOMMIT\n"
        + "*filter\n:INPUT DROP [0:0]\n-A INPUT -m mark --mark 0x2/0xf -j ACCEPT\n-A INPUT -p tcp -m mark ! --mark 0x20/0xf0 -m tcp --dport 1003 -j ACCEPT\nCOMMIT\n";
    VerifyOptions in = VerifyOptions.DEFAULT.withPath("input");
    for (String rs : List.of(text, json, save)) {
      Diagnostics d = new Diagnostics();
      Acl acl = RulesetImporter.read(rs, "r", Optional.empty(), d).orElseThrow();
      assertThat(d.warnings()).as(rs).isEmpty();
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1001").verdict()).as("0x12 & 0xf == 0x2 " + rs).isInstanceOf(Verdict.Allowed.class);
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1002").verdict()).as("0x21 & 0xf != 0x2").isInstanceOf(Verdict.Blocked.class);
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1003").verdict()).as("0x0 & 0xf0 != 0x20").isInstanceOf(Verdict.Allowed.class);
      assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1004").verdict()).as("nothing set the mark").isInstanceOf(Verdict.Undetermined.class);
    }
    // meta mark set of an and/or/xor expression (nft's own '&'/'^' and iptables-nft's 'mark or'), followed exactly
    Diagnostics d = new Diagnostics();
    Acl acl = RulesetImporter.read(text, "r", Optional.empty(), d).orElseThrow();
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1005").verdict()).as("(0x1ff & 0xffffff00) ^ 0x2 = 0x102").isInstanceOf(Verdict.Allowed.class);
    assertThat(verdict(acl, in, "198.18.1.10", "198.19.2.10", "tcp", "1006").verdict()).as("0x1 | 0x20 = 0x21: & 0xf is 1").isInstanceOf(Verdict.Blocked.class);
  }
}
