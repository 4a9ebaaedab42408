package org.portolan.ingest.acl;

import java.util.Locale;
import java.util.Optional;

/**
 * TCP flag conditions ({@code --tcp-flags MASK COMP}, {@code --syn}, nft {@code tcp flags})
 * read against the packets the model has: a new connection's opening packet carries SYN only
 * (state new); the later packets of a connection (state established) are SYN-ACK (the reply),
 * ACK, PSH-ACK or FIN-ACK. A condition true for all packets of a state matches that state;
 * false for all does not; true for some is a doubt (the line's verdict is then undetermined).
 */
public final class TcpFlags {
  private TcpFlags() {}

  public static final int FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16, URG = 32, ECE = 64, CWR = 128;

  private static final int[] ESTABLISHED = {SYN | ACK, ACK, PSH | ACK, FIN | ACK, FIN | PSH | ACK};

  /** The states the condition {@code (flags & mask) == comp} (negated: {@code !=}) matches, and whether it is exact. */
  public record Reading(Ranges states, boolean exact) {}

  public static Reading read(int mask, int comp, boolean negated) {
    Ranges st = Ranges.EMPTY;
    boolean exact = true;
    if ((((SYN & mask) == comp) != negated)) st = st.union(Ranges.single(Box.NEW));
    int hits = 0;
    for (int f : ESTABLISHED) if (((f & mask) == comp) != negated) hits++;
    if (hits == ESTABLISHED.length) st = st.union(Ranges.single(Box.ESTABLISHED));
    else if (hits > 0) {
      st = st.union(Ranges.single(Box.ESTABLISHED));
      exact = false;
    }
    return new Reading(st, exact);
  }

  /** {@code FIN,SYN,RST,ACK}, {@code ALL}, {@code NONE}, nft {@code fin|syn} or {@code fin,syn}: the flag bits. */
  public static Optional<Integer> parse(String text) {
    int v = 0;
    for (String w : text.toLowerCase(Locale.ROOT).split("[,|]")) {
      int b = switch (w.strip()) {
        case "fin" -> FIN;
        case "syn" -> SYN;
        case "rst" -> RST;
        case "psh" -> PSH;
        case "ack" -> ACK;
        case "urg" -> URG;
        case "ece" -> ECE;
        case "cwr" -> CWR;
        case "all" -> 0x3F; // iptables ALL: FIN,SYN,RST,PSH,ACK,URG
        case "none" -> 0;
        default -> -1;
      };
      if (b < 0) return Optional.empty();
      v |= b;
    }
    return Optional.of(v);
  }
}
