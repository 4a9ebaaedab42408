package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.portolan.model.Choice;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Role;

/**
 * The importer's stages after reading: {@link CandidateRows} (tables and prose → candidate
 * rows), the {@link DraftPasses} over them, then the draft (ids by service label, roles that
 * are used, review notes kept for the items that exist).
 */
final class DraftBuilder {
  private DraftBuilder() {}

  static Draft build(SourceDocument doc, String productId) {
    CandidateRows.Rows rows = CandidateRows.read(doc);
    Map<String, List<String>> reviews = new LinkedHashMap<>();
    rows.reviews().forEach((k, v) -> reviews.put(k, new ArrayList<>(v)));
    Map<String, String> roleNames = new LinkedHashMap<>(rows.roleNames());

    EvidencePass.Result evidence = EvidencePass.apply(doc, rows.candidates(), reviews.getOrDefault("product", List.of()),
        ProsePorts.defaultProtocol(CandidateRows.documentText(doc)));
    if (!evidence.added().isEmpty()) {
      roleNames.putIfAbsent(DraftPasses.UNKNOWN_FROM, "Unknown initiator");
      roleNames.putIfAbsent(DraftPasses.UNKNOWN_TO, "Unknown responder");
      for (String id : List.of(DraftPasses.UNKNOWN_FROM, DraftPasses.UNKNOWN_TO))
        note(reviews, "role:" + id, "placeholder: the document does not say which component this is; replace it in every requirement");
    }
    for (String n : evidence.reviews()) note(reviews, "product", n);
    List<Candidate> c = evidence.candidates();
    c = DraftPasses.documentDynamicRange(c, rows.prose());
    c = DraftPasses.markBidirectional(c, rows.prose());
    Map<String, String> same = DraftPasses.sameRoles(roleNames.keySet(), rows.components(), rows.roleFqdns().keySet());
    for (var e : same.entrySet()) {
      note(reviews, "role:" + e.getValue(), "also called '" + roleNames.get(e.getKey()) + "' in the document (merged)");
      roleNames.remove(e.getKey());
    }
    c = DraftPasses.rename(c, same);
    c = DraftPasses.fillFromSamePorts(c, roleNames);
    DraftPasses.Alternatives alt = DraftPasses.databaseAlternatives(c, rows.features()::containsKey);
    c = alt.candidates();
    alt.reviews().forEach((k, v) -> note(reviews, k, v));
    return assemble(rows, c, roleNames, alt.choices(), reviews, productId);
  }

  private static void note(Map<String, List<String>> reviews, String key, String message) {
    List<String> list = reviews.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(message)) list.add(message);
  }

  private static Draft assemble(CandidateRows.Rows rows, List<Candidate> candidates, Map<String, String> roleNames, List<Choice> choices,
      Map<String, List<String>> reviews, String productId) {
    String id = productId != null ? productId : productIdFrom(rows.title());
    if (productId == null) note(reviews, "product", "product id '" + id + "' made from the title; pass --product ID to choose it");
    Set<String> used = new HashSet<>();
    for (Candidate r : candidates) {
      used.add(r.initiator());
      used.addAll(r.responders());
    }
    List<Role> roles = new ArrayList<>();
    for (var e : roleNames.entrySet())
      if (used.contains(e.getKey())) roles.add(new Role(e.getKey(), e.getValue(), "", rows.roleFqdns().getOrDefault(e.getKey(), List.of())));
    List<Feature> features = new ArrayList<>();
    rows.features().forEach((n, d) -> features.add(new Feature(n, d, false)));
    List<FlowRequirement> requirements = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Integer> nextSuffix = new HashMap<>();
    Set<String> bidirectional = new HashSet<>();
    for (Candidate r : candidates) {
      String base = r.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
      if (base.isEmpty()) base = "requirement";
      String rid = base;
      if (ids.contains(rid)) rid = base + "-" + r.initiator();
      if (ids.contains(rid)) {
        // Next free suffix per base: linear in the number of requirements, however many share a label.
        int k = nextSuffix.getOrDefault(base, 2);
        while (ids.contains(base + "-" + k)) k++;
        rid = base + "-" + k;
        nextSuffix.put(base, k + 1);
      }
      ids.add(rid);
      requirements.add(new FlowRequirement(rid, r.initiator(), r.responders(), r.services(), r.purpose(), r.condition(), r.stateful(), r.loopback(),
          List.of(), r.provenance()));
      if (r.bidirectional()) bidirectional.add(rid);
      if (!r.notes().isEmpty()) reviews.put("requirement:" + rid, r.notes().stream().distinct().toList());
    }
    String document = rows.document();
    Product product = new Product(id, rows.title(), "", "", "Draft imported from " + document + "; review before use.", roles, features, choices,
        requirements, List.of(document));
    Set<String> keys = new HashSet<>(Set.of("product"));
    product.roles().forEach(r -> keys.add("role:" + r.id()));
    product.features().forEach(f -> keys.add("feature:" + f.name()));
    product.choices().forEach(ch -> keys.add("choice:" + ch.name()));
    product.requirements().forEach(r -> keys.add("requirement:" + r.id()));
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    reviews.forEach((k, v) -> {
      if (keys.contains(k)) frozen.put(k, List.copyOf(v));
    });
    return new Draft(product, frozen, bidirectional, rows.warnings());
  }

  static String productIdFrom(String title) {
    String s = title.toLowerCase(Locale.ROOT).replaceAll("\\b(ports?|used|by|the|of|for|and|components?|communication)\\b", " ")
        .replaceAll("[^a-z0-9]+", " ").strip();
    String[] w = s.isEmpty() ? new String[] {"imported"} : s.split(" ");
    String id = String.join("-", java.util.Arrays.copyOf(w, Math.min(w.length, 4)));
    return Character.isLetter(id.charAt(0)) ? id : "p-" + id;
  }
}
