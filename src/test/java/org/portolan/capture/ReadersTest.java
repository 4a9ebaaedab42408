package org.portolan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed real capture (tcpdump in test namespaces, see CaptureNamespaceTest)
 * re-encoded into every variant the readers accept must classify exactly as the original;
 * malformed files must fail with the byte offset of the fault.
 */
class ReadersTest {
  @TempDir Path dir;

  static final Path BASIC = CaptureNamespaceTest.resource("basic-pcap/input.pcap");

  List<TestCaptures.Frame> frames() throws IOException {
    return TestCaptures.frames(Files.readAllBytes(BASIC));
  }

  CaptureResult analyze(byte[] file) throws IOException {
    Path p = Files.createTempFile(dir, "cap", ".bin");
    Files.write(p, file);
    return CaptureAnalysis.analyze(p, null);
  }

  CaptureResult analyzeWithWindow(byte[] file, int window) throws IOException {
    Path p = Files.createTempFile(dir, "cap", ".bin");
    Files.write(p, file);
    List<Attempt> all = new ArrayList<>();
    CaptureAnalysis.analyze(p, null, all::add, Tracker.DEFAULT_CAPACITY, window);
    return new CaptureResult(false, all, List.of(), List.of(), null);
  }

  @Test
  void bigEndianMicrosecondAndNanosecondPcapClassifyLikeTheOriginal() throws IOException {
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(frames(), ByteOrder.BIG_ENDIAN, false, 1)));
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(frames(), ByteOrder.BIG_ENDIAN, true, 1)));
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(frames(), ByteOrder.LITTLE_ENDIAN, true, 1)));
  }

  @Test
  void vlanTaggedFramesClassifyLikeTheOriginal() throws IOException {
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(TestCaptures.vlanTagged(frames(), 10), ByteOrder.LITTLE_ENDIAN, false, 1)));
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(TestCaptures.vlanTagged(frames(), 100, 10), ByteOrder.LITTLE_ENDIAN, false, 1)));
    Path golden = CaptureNamespaceTest.resource("vlan/input.pcap");
    if (Boolean.getBoolean("portolan.capture.refresh"))
      Files.write(golden, TestCaptures.pcap(TestCaptures.vlanTagged(frames(), 10), ByteOrder.LITTLE_ENDIAN, false, 1));
    assertThat(Files.readAllBytes(golden))
        .as("the committed VLAN golden input is the basic capture tagged with VLAN 10")
        .isEqualTo(TestCaptures.pcap(TestCaptures.vlanTagged(frames(), 10), ByteOrder.LITTLE_ENDIAN, false, 1));
  }

  @Test
  void rawIpAndLoopbackLinkTypesClassifyLikeTheOriginal() throws IOException {
    List<TestCaptures.Frame> ip = frames().stream().filter(f -> f.data()[12] == 0x08 && f.data()[13] == 0x00 || f.data()[12] == (byte) 0x86)
        .map(TestCaptures::rawIp).toList();
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(ip, ByteOrder.LITTLE_ENDIAN, false, 101)));
    List<TestCaptures.Frame> loop = ip.stream().map(f -> {
      byte[] d = new byte[f.data().length + 4];
      int family = (f.data()[0] >>> 4) == 4 ? 2 : 30; // BSD AF_INET, AF_INET6 (macOS), host order
      ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putInt(family);
      System.arraycopy(f.data(), 0, d, 4, f.data().length);
      return new TestCaptures.Frame(f.timeNanos(), d, f.originalLength() + 4);
    }).toList();
    CaptureNamespaceTest.assertBasicScenario(analyze(TestCaptures.pcap(loop, ByteOrder.LITTLE_ENDIAN, false, 0)));
  }

  /** Two interfaces (Ethernet in ns, raw IP in 2^-20 s), options everywhere, unknown blocks, in a big-endian section. */
  static byte[] pcapngVariant(List<TestCaptures.Frame> frames, ByteOrder order) {
    TestCaptures.Pcapng w = new TestCaptures.Pcapng(order);
    w.section(-1, w.option(4, "portolan test".getBytes()), w.endOfOptions());
    w.iface(1, 262144, w.option(2, "eth0".getBytes()), w.option(9, new byte[] {9}), w.endOfOptions());
    w.other(0x00000BAD, "an unknown block type the reader must skip".getBytes());
    w.iface(101, 0, w.option(9, new byte[] {(byte) 0x94}), w.option(14, ByteBuffer.allocate(8).order(order).putLong(0).array()), w.endOfOptions());
    int i = 0;
    for (TestCaptures.Frame f : frames) {
      boolean ip = f.data()[12] == 0x08 && f.data()[13] == 0x00;
      if (ip && i++ % 2 == 0) {
        TestCaptures.Frame r = TestCaptures.rawIp(f);
        long units = (long) (f.timeNanos() / 1e9 * (1 << 20));
        w.packet(1, units, r.data(), r.originalLength(), w.option(1, "raw".getBytes()), w.endOfOptions());
      } else {
        w.packet(0, f.timeNanos(), f.data(), f.originalLength());
      }
      if (i == 3) w.other(5, new byte[12]); // an interface statistics block
    }
    return w.bytes();
  }

  @Test
  void pcapngInBothByteOrdersWithTwoInterfacesOptionsAndUnknownBlocksClassifiesLikeTheOriginal() throws IOException {
    CaptureNamespaceTest.assertBasicScenario(analyze(pcapngVariant(frames(), ByteOrder.BIG_ENDIAN)));
    CaptureNamespaceTest.assertBasicScenario(analyze(pcapngVariant(frames(), ByteOrder.LITTLE_ENDIAN)));
  }

  @Test
  void aSecondSectionInTheOtherByteOrderStartsAfreshWithItsOwnInterfaces() throws IOException {
    List<TestCaptures.Frame> all = frames();
    TestCaptures.Pcapng a = new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN);
    a.section(-1).iface(1, 262144, a.option(9, new byte[] {9}), a.endOfOptions());
    all.subList(0, 20).forEach(f -> a.packet(0, f.timeNanos(), f.data(), f.originalLength()));
    TestCaptures.Pcapng b = new TestCaptures.Pcapng(ByteOrder.BIG_ENDIAN);
    b.section(-1).iface(1, 262144);
    all.subList(20, all.size()).forEach(f -> b.packet(0, f.timeNanos() / 1000, f.data(), f.originalLength()));
    byte[] bytes = concat(a.bytes(), b.bytes());
    CaptureNamespaceTest.assertBasicScenario(analyze(bytes));
  }

  @Test
  void simplePacketBlocksAreRead() throws IOException {
    TestCaptures.Pcapng w = new TestCaptures.Pcapng(ByteOrder.BIG_ENDIAN);
    w.section(-1).iface(1, 96);
    frames().forEach(f -> w.simple(f.data(), f.originalLength()));
    CaptureResult r = analyze(w.bytes());
    assertThat(r.stats().packets()).isEqualTo(frames().size());
    assertThat(CaptureNamespaceTest.one(r, a -> a.port() == 82).outcome()).isEqualTo(AttemptOutcome.REJECTED);
    assertThat(CaptureNamespaceTest.one(r, a -> a.port() == 80 && a.dst().contains(":")).outcome()).isEqualTo(AttemptOutcome.ESTABLISHED);
  }

  @Test
  void blocksLargerThanTheWindowAreReadUpToTheHeadersAndSkipped() throws IOException {
    CaptureResult r = analyzeWithWindow(pcapngVariant(frames(), ByteOrder.BIG_ENDIAN), 160);
    CaptureNamespaceTest.assertBasicScenario(r);
  }

  @Test
  void recordsAroundAndBeyondOneReadAreWholeAndInOrder() throws IOException {
    int[] sizes = {60, ByteWindow.READ_BYTES - 16 - 24, ByteWindow.READ_BYTES - 16, ByteWindow.READ_BYTES, 60, 400_000,
        ByteWindow.DEFAULT_CAPACITY - 16, 61, ByteWindow.READ_BYTES + 1, 60};
    int total = 24;
    for (int n : sizes) total += 16 + n;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(1 << 20).putInt(1);
    for (int r = 0; r < sizes.length; r++) {
      b.putInt(1_700_000_000 + r).putInt(0).putInt(sizes[r]).putInt(sizes[r]);
      for (int k = 0; k < sizes[r]; k++) b.put((byte) (r * 31 + k));
    }
    Path p = dir.resolve("sizes.pcap");
    Files.write(p, b.array());
    RawPacket pk = new RawPacket();
    try (PacketReader reader = PacketReader.open(p)) {
      for (int r = 0; r < sizes.length; r++) {
        assertThat(reader.next(pk)).as("record %d", r).isTrue();
        assertThat(pk.capturedLength).as("record %d", r).isEqualTo(sizes[r]);
        for (int k : new int[] {0, sizes[r] / 2, sizes[r] - 1})
          assertThat(pk.data[pk.offset + k]).as("record %d byte %d", r, k).isEqualTo((byte) (r * 31 + k));
      }
      assertThat(reader.next(pk)).isFalse();
    }
  }

  @Test
  void truncatedPcapFailsWithTheOffsetOfTheCutRecord() throws IOException {
    byte[] whole = Files.readAllBytes(BASIC);
    int recordAt = 24 + 16 + ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getInt(24 + 8);
    byte[] cut = Arrays.copyOf(whole, recordAt + 20);
    assertThatThrownBy(() -> analyze(cut)).isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith("byte offset " + recordAt + ": truncated pcap record")
        .satisfies(e -> assertThat(((CaptureFormatException) e).offset()).isEqualTo(recordAt));
    assertThatThrownBy(() -> analyze(Arrays.copyOf(whole, 10))).isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("truncated pcap file header");
  }

  /** An unsupported link type was read as 0 attempts, exit 0, no word of why. */
  @Test
  void anUnsupportedLinkTypeIsRefusedAtItsOffset() throws IOException {
    byte[] pcap = Files.readAllBytes(BASIC);
    ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 127); // 802.11 radiotap
    assertThatThrownBy(() -> analyze(pcap)).isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith("byte offset 20: link type 127 is not read");
    byte[] ng = pcapngVariant(frames(), ByteOrder.BIG_ENDIAN);
    int idb = ByteBuffer.wrap(ng).getInt(4); // the section header's length: the interface block follows
    ByteBuffer.wrap(ng).putShort(idb + 8, (short) 127);
    assertThatThrownBy(() -> analyze(ng)).isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith("byte offset " + (idb + 8) + ": link type 127 is not read");
  }

  @Test
  void aHugeDeclaredLengthIsRefusedWithoutAllocatingIt() throws IOException {
    byte[] pcap = Files.readAllBytes(BASIC);
    ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFFFFF0);
    assertThatThrownBy(() -> analyze(pcap)).isInstanceOf(CaptureFormatException.class)
        .hasMessage("byte offset 24: pcap record declares 2147483632 captured bytes (snaplen 262144); more than the 1048560-byte limit, so the file is corrupt");
    byte[] ng = pcapngVariant(frames(), ByteOrder.BIG_ENDIAN);
    int second = ByteBuffer.wrap(ng).getInt(4);
    ByteBuffer.wrap(ng).putInt(second + 4, 0x7FFFFFF0);
    assertThatThrownBy(() -> analyze(ng)).isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith("byte offset " + (second + 4) + ": truncated block: declares 2147483632 bytes");
  }

  @Test
  void malformedPcapngBlocksNameTheirOffset() throws IOException {
    byte[] ng = pcapngVariant(frames(), ByteOrder.LITTLE_ENDIAN);
    int shb = ByteBuffer.wrap(ng).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    byte[] badTrailer = ng.clone();
    ByteBuffer.wrap(badTrailer).order(ByteOrder.LITTLE_ENDIAN).putInt(shb - 4, shb + 4);
    assertThatThrownBy(() -> analyze(badTrailer)).isInstanceOf(CaptureFormatException.class)
        .hasMessage("byte offset " + (shb - 4) + ": block trailing length " + (shb + 4) + " differs from its leading length " + shb);
    byte[] badMagic = ng.clone();
    badMagic[8] = 0x55;
    assertThatThrownBy(() -> analyze(badMagic)).isInstanceOf(CaptureFormatException.class).hasMessageStartingWith("byte offset 8: section header byte-order magic");
    assertThatThrownBy(() -> analyze("GIF89a, not a capture".getBytes())).isInstanceOf(CaptureFormatException.class)
        .hasMessageStartingWith("byte offset 0: unknown file magic 0x47494638");
    TestCaptures.Pcapng w = new TestCaptures.Pcapng(ByteOrder.LITTLE_ENDIAN);
    w.section(-1).iface(1, 0).packet(3, 0, frames().getFirst().data(), 60);
    int epbAt = w.bytes().length - (12 + 20 + ((frames().getFirst().data().length + 3) & ~3));
    assertThatThrownBy(() -> analyze(w.bytes())).isInstanceOf(CaptureFormatException.class)
        .hasMessage("byte offset " + (epbAt + 8) + ": packet names interface 3 but the section describes 1");
  }

  @Test
  void aFullConnectionTableEvictsAndCountsInsteadOfGrowing() throws IOException {
    Path p = Files.createTempFile(dir, "cap", ".pcap");
    Files.write(p, Files.readAllBytes(BASIC));
    CaptureResult r = CaptureAnalysis.analyze(p, null, a -> {}, 2, ByteWindow.DEFAULT_CAPACITY);
    assertThat(r.stats().evicted()).isPositive();
    assertThat(r.stats().attempts()).isGreaterThanOrEqualTo(9);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
