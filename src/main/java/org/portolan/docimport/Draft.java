package org.portolan.docimport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.portolan.diag.Diagnostic;
import org.portolan.model.Product;

/**
 * A draft catalog entry: a valid {@link Product} plus what a person must review, keyed
 * {@code product}, {@code role:ID}, {@code feature:NAME}, {@code choice:NAME} or {@code requirement:ID}.
 *
 * @param bidirectional requirements the text calls bidirectional ({@code bidirectional: true})
 * @param warnings what the importer skipped, at its place in the document
 */
public record Draft(Product product, Map<String, List<String>> reviews, Set<String> bidirectional, List<Diagnostic> warnings) {
  public Draft {
    reviews = Map.copyOf(reviews);
    bidirectional = Set.copyOf(bidirectional);
    warnings = List.copyOf(warnings);
  }

  /** The draft as catalog YAML with {@code # REVIEW:} comments beside the items to check. */
  public String toYaml() {
    return DraftYamlWriter.write(this);
  }

  public List<String> reviewsOf(String key) {
    return reviews.getOrDefault(key, List.of());
  }

  public int reviewCount() {
    return reviews.values().stream().mapToInt(List::size).sum();
  }
}
