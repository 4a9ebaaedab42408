package org.portolan.ingest.nftables;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nftables vendor records, shared by the JSON ({@code nft -j list ruleset}) and text
 * ({@code nft list ruleset}) readers: tables, sets, chains and rules as sequences of
 * statements, still in nftables terms.
 */
final class Nft {
  private Nft() {}

  record Ruleset(List<Table> tables) {}

  record Table(String family, String name, int line, Map<String, NamedSet> sets, List<ChainDef> chains) {
    String key(String chain) {
      return family + " " + name + " " + chain;
    }
  }

  record NamedSet(String name, String type, List<Value> elements, int line) {}

  /** A chain; {@code hook} empty for a regular chain. */
  record ChainDef(String name, String type, Optional<String> hook, int priority, Optional<String> policy, int line, List<Rule> rules) {}

  /** A rule with its position, its text as nft prints it, and its statements. */
  record Rule(int line, int column, String text, List<Statement> statements) {}

  sealed interface Statement {}

  /**
   * {@code meta mark set VALUE} or {@code meta mark set mark and A xor B} (and, or, xor of the
   * mark, as iptables-nft writes MARK): the packet's mark for what follows on the path; empty:
   * set to something not read here ({@code ct mark}, a map).
   */
  record MarkSet(java.util.Optional<org.portolan.ingest.acl.Action.SetMark> op, String text) implements Statement {}

  /** {@code left op right}; op is ==, !=, in, <, >, <=, >=. */
  record Match(Field left, String op, Value right) implements Statement {}

  /** accept, drop, reject, jump, goto, return, continue, queue. */
  record Verdict(String kind, String target) implements Statement {}

  /** A rate condition (limit, meter, ct count): {@code over} when it matches only above the rate. */
  record Rate(String text, boolean over) implements Statement {}

  /** {@code FIELD vmap { KEY : VERDICT, … }}: one line per element (keys are disjoint). */
  record VerdictMap(Field left, List<Entry> entries) implements Statement {
    record Entry(Value key, Verdict verdict) {}
  }

  /** A statement that does not decide (counter, log, comment) or that is not modelled (limit, meter…). */
  record Other(String name, boolean affectsMatching) implements Statement {}

  sealed interface Field {}

  record Payload(String protocol, String field) implements Field {}

  record Meta(String key) implements Field {}

  record Ct(String key) implements Field {}

  record UnknownField(String text) implements Field {}

  /** {@code PAYLOAD & MASK}, as in {@code ip saddr & 0.0.255.255 == 0.0.2.5} and {@code tcp flags & (syn|ack)}. */
  record Masked(Payload payload, String mask) implements Field {}

  /** {@code fib saddr|daddr [. iif|. oif] type}: the address type the routing table gives. */
  record Fib(String text) implements Field {}

  sealed interface Value {}

  record Single(String text) implements Value {}

  record Prefix(String address, int length) implements Value {}

  record Range(String from, String to) implements Value {}

  record SetRef(String name) implements Value {}

  record Anonymous(List<Value> elements) implements Value {}

  /** A list of flag-like words: ct state established,related. */
  record Words(List<String> words) implements Value {}
}
