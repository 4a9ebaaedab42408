package org.portolan.ingest.nftables;

import java.util.List;
import java.util.stream.Collectors;

/** Renders vendor records back to nft syntax, for rule provenance text of JSON input. Pure. */
final class NftRender {
  private NftRender() {}

  static String statements(List<Nft.Statement> st) {
    return st.stream().map(NftRender::statement).collect(Collectors.joining(" "));
  }

  static String statement(Nft.Statement s) {
    return switch (s) {
      case Nft.Match m -> field(m.left()) + (m.op().equals("==") || m.op().equals("in") ? " " : " " + m.op() + " ") + value(m.right());
      case Nft.Verdict v -> v.target().isEmpty() ? v.kind() : v.kind() + " " + v.target();
      case Nft.Other o -> o.name();
      case Nft.Rate r -> r.text();
      case Nft.MarkSet m -> m.text();
      case Nft.VerdictMap v -> field(v.left()) + " vmap { " + String.join(", ", v.entries().stream().map(e -> value(e.key()) + " : " + statement(e.verdict())).toList()) + " }";
    };
  }

  static String field(Nft.Field f) {
    return switch (f) {
      case Nft.Payload p -> p.protocol() + " " + p.field();
      case Nft.Meta m -> "meta " + m.key();
      case Nft.Ct c -> "ct " + c.key();
      case Nft.UnknownField u -> u.text();
      case Nft.Masked m -> m.payload().protocol() + " " + m.payload().field() + " & " + m.mask();
      case Nft.Fib fib -> fib.text();
    };
  }

  static String value(Nft.Value v) {
    return switch (v) {
      case Nft.Single s -> s.text();
      case Nft.Prefix p -> p.address() + "/" + p.length();
      case Nft.Range r -> r.from() + "-" + r.to();
      case Nft.SetRef r -> "@" + r.name();
      case Nft.Anonymous a -> "{ " + a.elements().stream().map(NftRender::value).collect(Collectors.joining(", ")) + " }";
      case Nft.Words w -> String.join(",", w.words());
    };
  }
}
