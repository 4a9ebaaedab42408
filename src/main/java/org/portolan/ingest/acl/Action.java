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
