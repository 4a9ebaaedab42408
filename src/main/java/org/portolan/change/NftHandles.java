package org.portolan.change;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule handles by the line the importer gives each rule: {@code # handle N} as
 * {@code nft -a list ruleset} prints it, or the {@code "handle"} of each rule object of
 * {@code nft -j list ruleset}. A rule without one is addressed by its index in the chain.
 */
final class NftHandles {
  private NftHandles() {}

  private static final Pattern TEXT = Pattern.compile("#\\s*handle\\s+(\\d+)\\s*$");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Map<Integer, Long> of(String text) {
    Map<Integer, Long> out = new HashMap<>();
    if (text.stripLeading().startsWith("{")) {
      try (JsonParser p = JSON.createParser(text)) {
        // the same walk as the importer: items of the top-level "nftables" array, by the line they start on
        if (p.nextToken() != JsonToken.START_OBJECT) return out;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (!name.equals("nftables") || p.currentToken() != JsonToken.START_ARRAY) { p.skipChildren(); continue; }
          while (p.nextToken() == JsonToken.START_OBJECT) {
            JsonLocation loc = p.currentTokenLocation();
            JsonNode n = JSON.readTree(p);
            JsonNode h = n.path("rule").path("handle");
            if (h.canConvertToLong()) out.put((int) Math.max(1, loc.getLineNr()), h.asLong());
          }
        }
      } catch (IOException e) {
        return out; // the importer already read this file; a handle that cannot be found is addressed by index
      }
      return out;
    }
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = TEXT.matcher(lines[i]);
      if (m.find()) out.put(i + 1, Long.parseLong(m.group(1)));
    }
    return out;
  }
}
