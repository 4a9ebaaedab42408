package org.portolan.capture;

import org.portolan.attribution.Attributor;
import org.portolan.attribution.Ip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Classifies connection attempts packet by packet with bounded state. A TCP attempt starts at
 * a SYN and ends established (final ACK), rejected (RST from the responder), unreachable
 * (ICMP error quoting it), dropped (no answer: retransmitted SYNs, or a single SYN and at
 * least {@link #SILENCE_FOR_DROP_NANOS} of silence) or incomplete. A UDP attempt starts at
 * the first datagram of a 5-tuple and ends answered, unreachable or unanswered.
 *
 * <p>The table holds at most {@code capacity} tuples (least recently active evicted first,
 * counted) and forgets tuples idle for {@link #IDLE_NANOS}. Decided tuples stay as small
 * tombstones until they close or go idle, so later segments and duplicate copies of a
 * packet (a capture on "any" sees one packet on several interfaces) start nothing new.
 */
final class Tracker {
  static final long IDLE_NANOS = 120_000_000_000L;
  static final long SILENCE_FOR_DROP_NANOS = 3_000_000_000L;
  /** The same SYN or datagram again within this time is a second copy, not a retransmission. */
  static final long DUPLICATE_NANOS = 100_000_000L;
  static final int DEFAULT_CAPACITY = 1 << 18;
  private static final int EVIDENCE = 8;

  /** Receives each attempt once its outcome is decided, with the indexes of its flows. */
  interface Listener {
    void decided(Attempt attempt, int[] flows);
  }

  private static final class Pending extends ConnectionTable.Entry {
    final long firstPacket;
    final long firstTime;
    long lastTime;
    long lastSendTime;
    long isn;
    int sends;
    long answer;
    boolean decided;
    final long[] evidence = new long[EVIDENCE];
    int evidenceCount;
    EpmConversation epm;

    Pending(Key key, long packet, long time) {
      super(key);
      this.firstPacket = packet;
      this.firstTime = time;
      this.lastTime = time;
      this.lastSendTime = time;
      this.sends = 1;
      evidence(packet);
    }

    void evidence(long packet) {
      if (evidenceCount < EVIDENCE) evidence[evidenceCount++] = packet;
      else evidence[EVIDENCE - 1] = packet;
    }
  }

  private final Attributor attributor;
  private final Listener listener;
  private final int capacity;
  private final ConnectionTable<Pending> table = new ConnectionTable<>();
  private long now;
  private long seen;
  long attempts;
  long failed;
  long evicted;
  long epmEndpoints;

  Tracker(Attributor attributor, Listener listener, int capacity) {
    this.attributor = attributor;
    this.listener = listener;
    this.capacity = capacity;
  }

  /** Adds a new attempt; past capacity the least recently active tuple goes. */
  private void put(Pending e) {
    table.put(e);
    if (table.size() <= capacity) return;
    Pending p = table.eldest();
    if (!p.decided) {
      evicted++;
      finish(p, now, " (evicted from the full connection table)");
    }
    table.remove(p);
  }

  private Pending forward(Decoded d) {
    return table.get(d.srcHi, d.srcLo, d.dstHi, d.dstLo, (d.srcPort << 16) | d.dstPort, d.proto);
  }

  private Pending reverse(Decoded d) {
    return table.get(d.dstHi, d.dstLo, d.srcHi, d.srcLo, (d.dstPort << 16) | d.srcPort, d.proto);
  }

  private Pending quoted(Decoded d) {
    return table.get(d.qSrcHi, d.qSrcLo, d.qDstHi, d.qDstLo, (d.qSrcPort << 16) | d.qDstPort, d.qProto);
  }

  void packet(RawPacket pk, Decoded d) {
    now = pk.timeNanos;
    if ((++seen & 255) == 0) expire();
    switch (d.proto) {
      case Decoded.TCP -> tcp(pk, d);
      case Decoded.UDP -> udp(pk, d);
      case Decoded.ICMP, Decoded.ICMPV6 -> icmp(pk, d);
      default -> {
        // other IP protocols carry no connection attempts we classify
      }
    }
  }

  private void tcp(RawPacket pk, Decoded d) {
    int f = d.tcpFlags;
    if ((f & Decoded.SYN) != 0 && (f & Decoded.ACK) == 0) {
      Pending e = forward(d);
      if (e != null) {
        if (e.isn == d.seq) {
          e.lastTime = now;
          if (!e.decided && now - e.lastSendTime >= DUPLICATE_NANOS) {
            e.sends++;
            e.lastSendTime = now;
            e.evidence(pk.number);
          }
          return;
        }
        table.remove(e);
        if (!e.decided) finish(e, now, " (the client then gave up and sent a new SYN)");
      }
      e = new Pending(Key.forward(d), pk.number, now);
      e.isn = d.seq;
      if (d.dstPort == 135) e.epm = new EpmConversation();
      attempts++;
      put(e);
      return;
    }
    if ((f & Decoded.SYN) != 0) {
      Pending e = reverse(d);
      if (e != null && !e.decided && e.answer == 0 && d.ack == ((e.isn + 1) & 0xFFFFFFFFL)) {
        e.answer = pk.number;
        e.lastTime = now;
        e.evidence(pk.number);
      }
      return;
    }
    if ((f & Decoded.RST) != 0) {
      Pending e = reverse(d);
      if (e != null) {
        if (!e.decided) {
          e.evidence(pk.number);
          if (e.answer == 0) decide(e, AttemptOutcome.REJECTED, "TCP RST from " + ip(d.srcHi, d.srcLo) + " at packet " + pk.number + " answered the SYN");
          else decide(e, AttemptOutcome.INCOMPLETE, "SYN/ACK at packet " + e.answer + ", then RST from the responder at packet " + pk.number);
        }
        if (e.epm == null) table.remove(e);
        return;
      }
      e = forward(d);
      if (e != null) {
        if (!e.decided && e.answer != 0) {
          e.evidence(pk.number);
          decide(e, AttemptOutcome.INCOMPLETE, "SYN/ACK at packet " + e.answer + ", then the client reset at packet " + pk.number + " (a half-open scan?)");
        }
        if (e.decided && e.epm == null) table.remove(e);
      }
      return;
    }
    Pending e = forward(d);
    if (e != null) {
      e.lastTime = now;
      if (!e.decided && (f & Decoded.ACK) != 0 && d.seq == ((e.isn + 1) & 0xFFFFFFFFL)) {
        e.evidence(pk.number);
        decide(e, AttemptOutcome.ESTABLISHED, e.answer != 0
            ? "SYN/ACK at packet " + e.answer + ", ACK at packet " + pk.number
            : "the client's ACK at packet " + pk.number + " shows a SYN/ACK the capture missed");
      }
      if (e.epm != null && d.payloadLength > 0) e.epm.fromClient(d.seq, pk.data, d.payloadOffset, d.payloadLength);
      if ((f & Decoded.FIN) != 0 && e.decided && e.epm == null) table.remove(e);
      return;
    }
    if (d.srcPort == 135 && d.payloadLength > 0) {
      e = reverse(d);
      if (e != null && e.epm != null) {
        e.lastTime = now;
        for (EpmConversation.Found found : e.epm.fromServer(d.seq, pk.data, d.payloadOffset, d.payloadLength, pk.number)) {
          attributor.endpointMapperSaid(e.key.aHi(), e.key.aLo(), e.key.bHi(), e.key.bLo(), found.endpoint().ipProtocol().getAsInt(),
              found.endpoint().port().getAsInt(),
              found.endpoint().ipv4(), found.packet());
          epmEndpoints++;
        }
      }
    }
  }

  private void udp(RawPacket pk, Decoded d) {
    if (multicastOrBroadcast(d.dstHi, d.dstLo)) return;
    Pending e = forward(d);
    if (e != null) {
      e.lastTime = now;
      if (!e.decided && now - e.lastSendTime >= DUPLICATE_NANOS) {
        e.sends++;
        e.lastSendTime = now;
        e.evidence(pk.number);
      }
      return;
    }
    e = reverse(d);
    if (e != null) {
      e.lastTime = now;
      if (!e.decided) {
        e.answer = pk.number;
        e.evidence(pk.number);
        decide(e, AttemptOutcome.ANSWERED, "reply from " + ip(d.srcHi, d.srcLo) + " at packet " + pk.number);
      }
      return;
    }
    e = new Pending(Key.forward(d), pk.number, now);
    attempts++;
    put(e);
  }

  private void icmp(RawPacket pk, Decoded d) {
    boolean unreachable = d.proto == Decoded.ICMP ? d.icmpType == 3 : d.icmpType == 1;
    if (!unreachable || !d.quoted) return;
    Pending e = quoted(d);
    if (e == null || e.decided) return;
    e.lastTime = now;
    e.evidence(pk.number);
    decide(e, AttemptOutcome.UNREACHABLE, (d.proto == Decoded.ICMP ? "ICMP " : "ICMPv6 ") + "destination unreachable, "
        + unreachableName(d.proto, d.icmpCode) + " (" + d.icmpType + "/" + d.icmpCode + "), from " + ip(d.srcHi, d.srcLo) + " at packet " + pk.number);
  }

  static String unreachableName(int proto, int code) {
    if (proto == Decoded.ICMP) {
      return switch (code) {
        case 0 -> "net unreachable";
        case 1 -> "host unreachable";
        case 2 -> "protocol unreachable";
        case 3 -> "port unreachable";
        case 9, 10 -> "network/host administratively prohibited";
        case 13 -> "communication administratively prohibited";
        default -> "code " + code;
      };
    }
    return switch (code) {
      case 0 -> "no route to destination";
      case 1 -> "communication administratively prohibited";
      case 3 -> "address unreachable";
      case 4 -> "port unreachable";
      case 5 -> "source address failed ingress/egress policy";
      case 6 -> "reject route to destination";
      default -> "code " + code;
    };
  }

  private static boolean multicastOrBroadcast(long hi, long lo) {
    if (Decoded.isV4(hi, lo)) {
      int v = (int) lo;
      return (v >>> 28) == 0xE || v == -1;
    }
    return (hi >>> 56) == 0xFF;
  }

  private void expire() {
    for (int i = 0; i < 64 && table.size() > 0; i++) {
      Pending p = table.eldest();
      if (now - p.lastTime < IDLE_NANOS) return;
      table.remove(p);
      if (!p.decided) finish(p, now, "");
    }
  }

  /** Ends the capture: every undecided attempt is decided by what was (not) seen. */
  void end() {
    List<Pending> rest = new ArrayList<>(table.values());
    table.clear();
    rest.sort((a, b) -> Long.compare(a.firstPacket, b.firstPacket));
    for (Pending p : rest) if (!p.decided) finish(p, now, "");
  }

  private void finish(Pending p, long at, String why) {
    double silent = Math.max(0, at - p.lastSendTime) / 1e9;
    if (p.key.proto() == Decoded.UDP) {
      decide(p, AttemptOutcome.UNANSWERED, p.sends + (p.sends == 1 ? " datagram" : " datagrams") + ", no reply in " + secs(silent) + why);
    } else if (p.answer != 0) {
      decide(p, AttemptOutcome.INCOMPLETE, "SYN/ACK at packet " + p.answer + " but no final ACK from the client" + why);
    } else if (p.sends > 1) {
      decide(p, AttemptOutcome.DROPPED, p.sends + " SYNs over " + secs((p.lastSendTime - p.firstTime) / 1e9) + ", none answered" + why);
    } else if (at - p.lastSendTime >= SILENCE_FOR_DROP_NANOS) {
      decide(p, AttemptOutcome.DROPPED, "one SYN, no answer in " + secs(silent) + why);
    } else {
      decide(p, AttemptOutcome.INCOMPLETE, "one SYN, capture ended " + secs(silent) + " later, too soon to call it dropped" + why);
    }
  }

  private static String secs(double s) {
    return String.format(java.util.Locale.ROOT, "%.1f s", s);
  }

  private void decide(Pending p, AttemptOutcome o, String detail) {
    p.decided = true;
    if (!o.works()) failed++;
    Key k = p.key;
    Attributor.Match m = attributor.match(k.aHi(), k.aLo(), k.bHi(), k.bLo(), k.proto(), k.serverPort());
    List<Long> packets = new ArrayList<>(p.evidenceCount);
    for (int i = 0; i < p.evidenceCount; i++) packets.add(p.evidence[i]);
    List<String> also = new ArrayList<>();
    for (int i = 1; i < m.flows().length; i++) also.add(attributor.flow(m.flows()[i]).name());
    Optional<String> flow = m.flows().length == 0 ? Optional.empty() : Optional.of(attributor.flow(m.flows()[0]).name());
    Attempt a = new Attempt(ip(k.aHi(), k.aLo()), k.clientPort(), ip(k.bHi(), k.bLo()), k.proto() == Decoded.TCP ? "tcp" : "udp",
        k.serverPort(), o, p.sends - 1, p.firstPacket, packets, detail, flow, also, m.viaEpm());
    listener.decided(a, m.flows());
  }

  private static String ip(long hi, long lo) {
    return Ip.text(hi, lo);
  }
}
