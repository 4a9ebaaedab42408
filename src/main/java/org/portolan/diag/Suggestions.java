package org.portolan.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean …?" for unknown names: the known names closest to what was written, by edit
 * distance (case folded). Hand-written: a dozen lines of Levenshtein are not worth a
 * dependency, and the names compared are short ids.
 */
public final class Suggestions {
  private Suggestions() {}

  /** Up to three known names within a third of the written name's length, closest first. */
  public static List<String> nearest(String written, Collection<String> known) {
    String w = written.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, w.length() / 3);
    return known.stream()
        .map(k -> new Scored(k, distance(w, k.toLowerCase(Locale.ROOT), limit)))
        .filter(s -> s.distance <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3).map(Scored::name).toList();
  }

  /** {@code "; did you mean 'a' or 'b'?"}, or empty when nothing is close. */
  public static String didYouMean(String written, Collection<String> known) {
    List<String> near = nearest(written, known);
    if (near.isEmpty()) return "";
    return "; did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?";
  }

  private record Scored(String name, int distance) {}

  /** Levenshtein distance, stopping early once every cell of a row exceeds {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
    int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) return limit + 1;
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
