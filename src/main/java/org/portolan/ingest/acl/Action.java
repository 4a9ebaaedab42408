package org.portolan.ingest.acl;

/** What a matching ACL line does. */
public sealed interface Action {
  Accept ACCEPT = new Accept();
  Drop DROP = new Drop();
  Reject REJECT = new Reject();
  Return RETURN = new Return();

  /** Terminal: the packet is permitted (by this chain stage). */
  record Accept() implements Action {}

  /** Terminal: the packet is silently discarded. */
  record Drop() implements Action {}

  /** Terminal: the packet is refused with an ICMP error or TCP reset. */
  record Reject() implements Action {}

  /** Evaluate {@code chain}; what it returns continues with the next line. */
  record Call(String chain) implements Action {}

  /** Evaluate {@code chain}; what it returns goes back to this chain's caller. */
  record Goto(String chain) implements Action {}

  /** Back to the calling chain (in a base chain: the policy). */
  record Return() implements Action {}

  /**
   * No effect on the verdict (LOG, counters); evaluation continues. With {@code mark}, the
   * packet's mark is set as MARK --set-xmark does ({@code (mark & ~mask) ^ xor}) for what
   * follows on the path.
   */
  record Continue(String what, java.util.Optional<SetMark> mark) implements Action {
    public Continue {
      mark = mark == null ? java.util.Optional.empty() : mark;
    }

    public Continue(String what) {
      this(what, java.util.Optional.empty());
    }
  }

  /** {@code MARK --set-xmark XOR/MASK}: the new mark is {@code (mark & ~mask) ^ xor} (32 bits). */
  record SetMark(long xor, long mask) {
    public SetMark {
      if (xor < 0 || xor > 0xFFFF_FFFFL || mask < 0 || mask > 0xFFFF_FFFFL) throw new IllegalArgumentException("a mark has 32 bits");
    }

    /** Every mark, unchanged. */
    public static final SetMark KEEP = new SetMark(0, 0);

    /** This, then {@code m & bits}. */
    public SetMark and(long bits) {
      return new SetMark(xor & bits, (mask | ~bits) & 0xFFFF_FFFFL);
    }

    /** This, then {@code m | bits}. */
    public SetMark or(long bits) {
      return new SetMark(xor | bits, mask | bits);
    }

    /** This, then {@code m ^ bits}. */
    public SetMark xor(long bits) {
      return new SetMark(xor ^ bits, mask);
    }

    /**
     * The marks {@code ops} can give a packet starting from none set (only an op setting all 32
     * bits gives a known mark from an unknown one), closed under every op; empty above 4,096.
     */
    public static java.util.Optional<java.util.Set<Long>> reachable(java.util.List<SetMark> ops) {
      java.util.Set<Long> seen = new java.util.HashSet<>();
      java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>();
      for (SetMark o : ops) if (o.mask() == 0xFFFF_FFFFL && seen.add(o.xor())) todo.add(o.xor());
      while (!todo.isEmpty()) {
        long x = todo.poll();
        for (SetMark o : ops) {
          long y = o.apply(x);
          if (seen.add(y)) {
            if (seen.size() > 4096) return java.util.Optional.empty();
            todo.add(y);
          }
        }
      }
      return java.util.Optional.of(seen);
    }

    /** The mark after this, of a packet with mark {@code old} ({@link Box#MARK_UNSET}: unknown bits stay unknown unless all are set). */
    public long apply(long old) {
      if (old == Box.MARK_UNSET) return mask == 0xFFFF_FFFFL ? xor : Box.MARK_UNSET;
      return (old & ~mask & 0xFFFF_FFFFL) ^ xor;
    }
  }

  /**
   * Does something to the packet that is not modelled here (NFQUEUE, DNAT before the filter
   * table, an unknown target): whatever it matches has an undetermined fate, named by this line.
   */
  record Unknown(String what) implements Action {}

  default boolean terminal() {
    return switch (this) {
      case Accept a -> true;
      case Drop d -> true;
      case Reject r -> true;
      case Call c -> false;
      case Goto g -> false;
      case Return r -> false;
      case Continue c -> false;
      case Unknown u -> false;
    };
  }
}
