package org.portolan.ingest.nftables;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.Acl;

/** {@code nft -j list ruleset} JSON → vendor records → ACL model. */
public final class NftJsonImporter {
  private NftJsonImporter() {}

  /** A key given twice is an error, never "the last one wins" (rulesets are security input). */
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    return read(content, file, org.portolan.ingest.acl.Addrs.NONE, d);
  }

  /** {@code local}: the host's own addresses (for {@code fib … type}), taken as all of them; none known: empty. */
  public static Optional<Acl> read(String content, String file, org.portolan.ingest.acl.Addrs local, Diagnostics d) {
    return read(content, file, new org.portolan.ingest.acl.HostFacts(local, java.util.Map.of()), d);
  }

  /** {@code facts}: the host's own addresses and, when known, its broadcast addresses (for {@code fib … type}). */
  public static Optional<Acl> read(String content, String file, org.portolan.ingest.acl.HostFacts local, Diagnostics d) {
    Optional<Nft.Ruleset> rs = parse(content, file, d);
    if (rs.isEmpty() || d.hasErrors()) return Optional.empty();
    return NftConverter.acl(rs.get(), file, local, d);
  }

  private record Item(JsonNode node, int line, int column) {}

  static Optional<Nft.Ruleset> parse(String content, String file, Diagnostics d) {
    List<Item> items = new ArrayList<>();
    try (JsonParser p = JSON.createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return fail(d, file, p.currentTokenLocation(), "expected a JSON object {\"nftables\": [...]}");
      boolean found = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (!name.equals("nftables")) { p.skipChildren(); continue; }
        if (p.currentToken() != JsonToken.START_ARRAY) return fail(d, file, p.currentTokenLocation(), "expected \"nftables\" to be an array");
        found = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) return fail(d, file, p.currentTokenLocation(), "unexpected end of input inside \"nftables\"");
          JsonLocation loc = p.currentTokenLocation();
          JsonNode n = JSON.readTree(p);
          items.add(new Item(n, (int) Math.max(1, loc.getLineNr()), (int) Math.max(1, loc.getColumnNr())));
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) return fail(d, file, p.currentTokenLocation(), "expected the end of the top-level object");
      if (!found) return fail(d, file, p.currentTokenLocation(), "no \"nftables\" array: expected the output of 'nft -j list ruleset'");
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      d.error(l == null ? SourcePosition.of(file) : new SourcePosition(file, (int) Math.max(1, l.getLineNr()), (int) Math.max(0, l.getColumnNr())),
          "not valid JSON: " + e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      d.error(SourcePosition.of(file), "cannot read JSON: " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(records(items, file, d));
  }

  private static <T> Optional<T> fail(Diagnostics d, String file, JsonLocation l, String msg) {
    d.error(new SourcePosition(file, (int) Math.max(1, l.getLineNr()), (int) Math.max(0, l.getColumnNr())), msg);
    return Optional.empty();
  }

  private static Nft.Ruleset records(List<Item> items, String file, Diagnostics d) {
    Map<String, Nft.Table> tables = new LinkedHashMap<>();
    Map<String, List<Nft.Rule>> rules = new LinkedHashMap<>();
    Map<String, Nft.ChainDef> chainDefs = new LinkedHashMap<>();
    for (Item it : items) {
      SourcePosition at = new SourcePosition(file, it.line(), it.column());
      JsonNode n = it.node();
      if (!n.isObject() || n.size() != 1) { d.error(at, "expected an object with one key (table, chain, set, rule, metainfo…)"); continue; }
      String kind = n.fieldNames().next();
      JsonNode v = n.get(kind);
      String family = text(v, "family"), table = text(v, "table");
      switch (kind) {
        case "metainfo" -> { }
        case "table" -> {
          String name = text(v, "name");
          if (family.isEmpty() || name.isEmpty()) { d.error(at, "table needs \"family\" and \"name\""); continue; }
          tables.put(family + " " + name, new Nft.Table(family, name, it.line(), new LinkedHashMap<>(), new ArrayList<>()));
        }
        case "set", "map" -> {
          Nft.Table t = tables.get(family + " " + table);
          if (t == null) { d.error(at, kind + " in unknown table " + family + " " + table); continue; }
          List<Nft.Value> els = new ArrayList<>();
          JsonNode elem = v.get("elem");
          if (kind.equals("map")) { d.warning(at, "map " + text(v, "name") + " is not modelled; rules using it are read conservatively"); continue; }
          if (elem != null) {
            for (JsonNode e : elem.isArray() ? elem : List.of(elem)) {
              Optional<Nft.Value> x = value(e);
              if (x.isEmpty()) { d.warning(at, "set " + text(v, "name") + ": element " + abbreviate(e.toString()) + " is not modelled; rules using the set are read conservatively"); els = null; break; }
              els.add(x.get());
            }
          }
          if (els != null) t.sets().put(text(v, "name"), new Nft.NamedSet(text(v, "name"), v.path("type").toString(), els, it.line()));
        }
        case "chain" -> {
          Nft.Table t = tables.get(family + " " + table);
          if (t == null) { d.error(at, "chain in unknown table " + family + " " + table); continue; }
          String name = text(v, "name");
          Optional<String> hook = v.has("hook") ? Optional.of(text(v, "hook")) : Optional.empty();
          Optional<String> policy = v.has("policy") ? Optional.of(text(v, "policy")) : Optional.empty();
          int prio = v.path("prio").asInt(0);
          chainDefs.put(family + " " + table + " " + name, new Nft.ChainDef(name, v.has("type") ? text(v, "type") : "filter", hook, prio, policy, it.line(), new ArrayList<>()));
          rules.put(family + " " + table + " " + name, new ArrayList<>());
        }
        case "rule" -> {
          String key = family + " " + table + " " + text(v, "chain");
          List<Nft.Rule> list = rules.get(key);
          if (list == null) { d.error(at, "rule in unknown chain " + key); continue; }
          List<Nft.Statement> st = new ArrayList<>();
          JsonNode expr = v.get("expr");
          if (expr == null || !expr.isArray()) { d.error(at, "rule needs an \"expr\" array"); continue; }
          for (JsonNode e : expr) st.add(statement(e));
          String text = text(v, "chain") + " handle " + v.path("handle").asText("?") + ": " + NftRender.statements(st) + (v.has("comment") ? " comment \"" + text(v, "comment") + "\"" : "");
          list.add(new Nft.Rule(it.line(), it.column(), text, st));
        }
        default -> d.warning(at, "'" + kind + "' objects are not modelled and are skipped (they do not filter by themselves)");
      }
    }
    for (var e : chainDefs.entrySet()) {
      String[] k = e.getKey().split(" ", 3);
      Nft.Table t = tables.get(k[0] + " " + k[1]);
      Nft.ChainDef c = e.getValue();
      t.chains().add(new Nft.ChainDef(c.name(), c.type(), c.hook(), c.priority(), c.policy(), c.line(), rules.get(e.getKey())));
    }
    return new Nft.Ruleset(List.copyOf(tables.values()));
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  private static String text(JsonNode v, String field) {
    JsonNode x = v.get(field);
    return x == null || x.isNull() ? "" : x.asText();
  }

  static Nft.Statement statement(JsonNode e) {
    if (!e.isObject() || e.size() != 1) return new Nft.Other(abbreviate(e.toString()), true);
    String k = e.fieldNames().next();
    JsonNode v = e.get(k);
    return switch (k) {
      case "match" -> {
        Nft.Field f = field(v.path("left"));
        Optional<Nft.Value> r = value(v.path("right"));
        String op = v.path("op").asText("==");
        if (r.isEmpty()) yield new Nft.Other("match " + abbreviate(v.path("right").toString()), true);
        yield new Nft.Match(f, op, r.get());
      }
      case "accept", "drop", "return", "continue", "reject", "queue", "dnat", "snat", "masquerade", "redirect", "tproxy" -> new Nft.Verdict(k, "");
      case "xt" -> v.path("type").asText().equals("target") ? new Nft.Verdict("xt", v.path("name").asText("?"))
          : new Nft.Other("xt " + v.path("type").asText("match") + " " + v.path("name").asText("?"), true);
      case "limit" -> new Nft.Rate("limit rate " + (v.path("inv").asBoolean(false) ? "over " : "") + v.path("rate").asText() + "/" + v.path("per").asText("second"), v.path("inv").asBoolean(false));
      // {"ct count": {"val": N, "inv": true}}: what 'ct count over N' is in the text
      case "ct count" -> new Nft.Rate("ct count " + (v.path("inv").asBoolean(false) ? "over " : "") + v.path("val").asText(), v.path("inv").asBoolean(false));
      case "meter" -> {
        String body = v.path("stmt").toString();
        yield body.contains("\"limit\"") ? new Nft.Rate("meter " + v.path("name").asText() + " " + abbreviate(body), v.path("stmt").path("limit").path("inv").asBoolean(false))
            : new Nft.Other("meter " + v.path("name").asText(), false);
      }
      case "set" -> {
        JsonNode stmts = v.path("stmt");
        String body = stmts.toString();
        if (body.contains("\"limit\"")) {
          boolean over = false;
          for (JsonNode x : stmts) over |= x.path("limit").path("inv").asBoolean(false);
          yield new Nft.Rate(v.path("op").asText() + " " + v.path("set").asText() + " " + abbreviate(body), over);
        }
        yield new Nft.Other(v.path("op").asText() + " " + v.path("set").asText(), false);
      }
      case "vmap" -> {
        Nft.Field f = field(v.path("key"));
        List<Nft.VerdictMap.Entry> entries = new ArrayList<>();
        JsonNode set = v.path("data").path("set");
        if (!set.isArray()) yield new Nft.Other("vmap " + abbreviate(v.path("data").toString()), true);
        for (JsonNode pair : set) {
          if (!pair.isArray() || pair.size() != 2) yield new Nft.Other("vmap element " + abbreviate(pair.toString()), true);
          Optional<Nft.Value> key = value(pair.get(0));
          Nft.Statement verdict = statement(pair.get(1));
          if (key.isEmpty() || !(verdict instanceof Nft.Verdict vd)) yield new Nft.Other("vmap element " + abbreviate(pair.toString()), true);
          entries.add(new Nft.VerdictMap.Entry(key.get(), vd));
        }
        yield new Nft.VerdictMap(f, entries);
      }
      case "jump", "goto" -> new Nft.Verdict(k, v.path("target").asText());
      // {"mangle": {"key": {"meta": {"key": "mark"}}, "value": N}}: meta mark set N
      case "mangle" -> !v.path("key").path("meta").path("key").asText().equals("mark") ? new Nft.Other(k, false)
          : new Nft.MarkSet(markExpression(v.path("value")), "meta mark set " + abbreviate(v.path("value").toString()));
      case "counter", "log", "comment", "meta", "ct", "notrack", "ct helper", "ct timeout", "ct expectation" -> new Nft.Other(k, false);
      default -> new Nft.Other(k, true);
    };
  }

  /** {@code N}, or {"&"|"|"|"^": [EXPR, N]} nested down to {"meta": {"key": "mark"}}: what the mark becomes; empty otherwise. */
  static java.util.Optional<org.portolan.ingest.acl.Action.SetMark> markExpression(JsonNode v) {
    if (v.isIntegralNumber()) return v.asLong() >= 0 && v.asLong() <= 0xFFFF_FFFFL ? java.util.Optional.of(new org.portolan.ingest.acl.Action.SetMark(v.asLong(), 0xFFFF_FFFFL)) : java.util.Optional.empty();
    if (v.path("meta").path("key").asText().equals("mark")) return java.util.Optional.of(org.portolan.ingest.acl.Action.SetMark.KEEP);
    for (String op : List.of("&", "|", "^")) {
      JsonNode a = v.path(op);
      if (!a.isArray() || a.size() != 2 || !a.get(1).isIntegralNumber() || a.get(1).asLong() < 0 || a.get(1).asLong() > 0xFFFF_FFFFL) continue;
      long n = a.get(1).asLong();
      return markExpression(a.get(0)).map(inner -> switch (op) {
        case "&" -> inner.and(n);
        case "|" -> inner.or(n);
        default -> inner.xor(n);
      });
    }
    return java.util.Optional.empty();
  }

  static Nft.Field field(JsonNode l) {
    if (l.has("payload")) return new Nft.Payload(l.get("payload").path("protocol").asText(), l.get("payload").path("field").asText());
    if (l.has("meta")) return new Nft.Meta(l.get("meta").path("key").asText());
    if (l.has("ct")) return new Nft.Ct(l.get("ct").path("key").asText());
    if (l.has("&") && l.get("&").isArray() && l.get("&").size() == 2 && l.get("&").get(0).has("payload")) {
      JsonNode pl = l.get("&").get(0).get("payload"), mask = l.get("&").get(1);
      String m = mask.isArray() ? String.join("|", java.util.stream.StreamSupport.stream(mask.spliterator(), false).map(JsonNode::asText).toList()) : mask.asText();
      return new Nft.Masked(new Nft.Payload(pl.path("protocol").asText(), pl.path("field").asText()), m);
    }
    // {"&": [{"meta": {"key": "mark"}}, MASK]}: meta mark & MASK
    if (l.has("&") && l.get("&").isArray() && l.get("&").size() == 2 && l.get("&").get(0).path("meta").path("key").asText().equals("mark") && l.get("&").get(1).isIntegralNumber())
      return new Nft.Masked(new Nft.Payload("meta", "mark"), l.get("&").get(1).asText());
    if (l.has("fib")) return new Nft.Fib("fib " + String.join(" . ", java.util.stream.StreamSupport.stream(l.get("fib").path("flags").spliterator(), false).map(JsonNode::asText).toList())
        + " " + l.get("fib").path("result").asText());
    return new Nft.UnknownField(abbreviate(l.toString()));
  }

  static Optional<Nft.Value> value(JsonNode r) {
    if (r.isTextual()) {
      String s = r.asText();
      return Optional.of(s.startsWith("@") ? new Nft.SetRef(s.substring(1)) : new Nft.Single(s));
    }
    if (r.isIntegralNumber()) return Optional.of(new Nft.Single(r.asText()));
    if (r.isArray()) {
      List<String> words = new ArrayList<>();
      for (JsonNode x : r) {
        if (!x.isTextual()) return Optional.empty();
        words.add(x.asText());
      }
      return Optional.of(new Nft.Words(words));
    }
    if (r.isObject()) {
      if (r.has("prefix")) return Optional.of(new Nft.Prefix(r.get("prefix").path("addr").asText(), r.get("prefix").path("len").asInt(-1)));
      if (r.has("range") && r.get("range").isArray() && r.get("range").size() == 2)
        return Optional.of(new Nft.Range(r.get("range").get(0).asText(), r.get("range").get(1).asText()));
      if (r.has("elem") && r.get("elem").has("val")) return value(r.get("elem").get("val"));
      if (r.has("set")) {
        JsonNode s = r.get("set");
        List<Nft.Value> els = new ArrayList<>();
        for (JsonNode x : s.isArray() ? s : List.of(s)) {
          Optional<Nft.Value> v = value(x);
          if (v.isEmpty()) return Optional.empty();
          els.add(v.get());
        }
        return Optional.of(new Nft.Anonymous(els));
      }
    }
    return Optional.empty();
  }

}
