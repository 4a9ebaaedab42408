package org.portolan.change;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule handles: {@code # handle N} at the end of each rule line as {@code nft -a list ruleset}
 * prints it (by line), or the {@code "handle"} of each rule object of {@code nft -j list ruleset}
 * (by chain and position: the JSON dump is one line). A rule without one is addressed by its
 * index in the chain.
 */
final class NftHandles {
  private static final Pattern TEXT = Pattern.compile("#\\s*handle\\s+(\\d+)\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, Long> byLine = new HashMap<>();
  private final Map<String, List<Long>> byChain = new HashMap<>();

  private NftHandles() {}

  static NftHandles of(String text) {
    NftHandles h = new NftHandles();
    if (text.stripLeading().startsWith("{")) {
      try (JsonParser p = JSON.createParser(text)) {
        if (p.nextToken() != JsonToken.START_OBJECT) return h;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (!name.equals("nftables") || p.currentToken() != JsonToken.START_ARRAY) { p.skipChildren(); continue; }
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonNode item = JSON.readTree(p);
            JsonNode r = item.path("rule");
            if (r.isMissingNode()) continue;
            String key = r.path("family").asText() + " " + r.path("table").asText() + " " + r.path("chain").asText();
            h.byChain.computeIfAbsent(key, k -> new ArrayList<>()).add(r.path("handle").canConvertToLong() ? r.path("handle").asLong() : -1L);
          }
        }
      } catch (IOException e) {
        return new NftHandles(); // the importer already read this file; without handles rules are addressed by index
      }
      return h;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = TEXT.matcher(lines[i]);
      if (m.find()) h.byLine.put(i + 1, Long.parseLong(m.group(1)));
    }
    return h;
  }

  /** The handle of the rule at {@code index} of {@code chain} ("family table chain"), which starts on {@code line}. */
  Optional<Long> handle(String chain, int line, int index) {
    List<Long> l = byChain.get(chain);
    if (l != null) return index >= 0 && index < l.size() && l.get(index) >= 0 ? Optional.of(l.get(index)) : Optional.empty();
    return Optional.ofNullable(byLine.get(line));
  }
}
