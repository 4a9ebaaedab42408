package org.portolan.compile;

/** Where a rule applies on its firewall. */
public sealed interface Placement {
  /** No placement known (flows file): the rule must work as the responder's host firewall and on any network firewall between. */
  record Anywhere() implements Placement {}

  /** Host firewall: traffic arriving at this host. */
  record Inbound() implements Placement {}

  /** Host firewall: traffic this host initiates. */
  record Outbound() implements Placement {}

  /** Network firewall: traffic entering at interface {@code in} and leaving at {@code out}. */
  record Through(String in, String out) implements Placement {
    public Through {
      if (in.isBlank() || out.isBlank() || in.equals(out)) throw new IllegalArgumentException("a path through a firewall needs two different interfaces");
    }
  }

  Anywhere ANYWHERE = new Anywhere();
  Inbound INBOUND = new Inbound();
  Outbound OUTBOUND = new Outbound();

  default String describe() {
    return switch (this) {
      case Anywhere a -> "host input and forwarding";
      case Inbound i -> "inbound";
      case Outbound o -> "outbound";
      case Through t -> t.in() + " -> " + t.out();
    };
  }
}
