package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A gated pattern answers as its bare pattern does (its words are in every match), on every
 * line, sentence and paragraph of the corpus pages and seeds and on the phrases each pattern is
 * written for; and {@code findStartingWith} finds the same first match as {@code find}.
 */
class GatedPatternTest {
  static final Map<String, GatedPattern> GATED = Map.ofEntries(
      Map.entry("REFUSAL", AgainstWords.REFUSAL), Map.entry("NEGATION", AgainstWords.NEGATION), Map.entry("DOUBT", AgainstWords.DOUBT),
      Map.entry("LEGACY", AgainstWords.LEGACY), Map.entry("BACK_REFERENCE", AgainstWords.BACK_REFERENCE),
      Map.entry("OTHER_PORT", AgainstWords.OTHER_PORT), Map.entry("EXAMPLE", PortSweep.EXAMPLE), Map.entry("PACKET_TRACE", PortSweep.PACKET_TRACE),
      Map.entry("VERB", PortSweep.VERB), Map.entry("BIDIRECTIONAL", DraftPasses.BIDIRECTIONAL));

  /** Phrases of every alternative, in mixed case and with other white space than a single blank. */
  static final List<String> PHRASES = List.of(
      "There is NO NEED TO OPEN port 8080.", "Ports 4001 and 7001 must\tbe free.", "It is\nnot required any more.", "does not constitute a port 9",
      "is no longer used", "was removed in 3.0", "Insecure; keep it disabled", "Removed: 8081", "is gone since 2.0", "was Dropped In 5",
      "needn't be opened", "don't expose 9000", "never open 23", "-j DROP", "deny 23", "replaced by 8443", "instead of 80", "formerly 7001",
      "older clients use 4001", "used to listen on 7001", "versions before 3 used 5000", "Do not open these ports.", "Allow both on them.",
      "the same port", "if you move it to ANOTHER UDP port, for example 946", "if 1414 is already in use", "a second port", "E.\tG. 8080",
      "e. g. 8080", "For Instance 9000", "Examples: 8080", "a sample of 10", "such as 8080", "placeholder 1234", "any port in the range 1-2",
      "whichever you like will do", "Seq=1 Ack=2 Win=3", "PayloadLen=40", "it LISTENS on 80", "Inbound 443", "egress to 53", "bound to 9000",
      "permitted from 10", "bi-directional traffic", "Bidirectionally", "both   directions", "available\nfor the agent");

  static List<String> texts() throws IOException {
    List<String> out = new ArrayList<>(PHRASES);
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/docimport"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        out.add(text);
        for (String para : text.split("\\n\\s*\\n")) {
          out.add(para);
          for (String line : para.split("\\n")) {
            out.add(line);
            out.addAll(List.of(line.split("(?<=[.;!?])\\s+")));
          }
        }
      }
    }
    return out;
  }

  @Test
  void gatedPatternsAnswerAsTheirBarePatterns() throws IOException {
    List<String> texts = texts();
    assertThat(texts).hasSizeGreaterThan(50_000);
    for (var e : GATED.entrySet()) {
      int found = 0;
      for (String t : texts) {
        boolean bare = e.getValue().pattern().matcher(t).find();
        assertThat(e.getValue().find(t)).as("%s on '%s'", e.getKey(), t.length() > 200 ? t.substring(0, 200) + "..." : t).isEqualTo(bare);
        Matcher m = e.getValue().matcher(t);
        assertThat(m.find()).isEqualTo(bare);
        if (bare) found++;
      }
      // Each pattern matches somewhere: the comparison is not of two empty answers.
      assertThat(found).as(e.getKey()).isPositive();
    }
  }

  @Test
  void aGateMissingAWordOfItsPatternIsCaught() {
    // The gate REFUSAL had before: no word of "no need to open" in it, so that refusal went unread.
    GatedPattern old = new GatedPattern(AgainstWords.REFUSAL.pattern(),
        List.of("not", "n't", "free", "unused", "never", "leave", "keep", "closed", "blocked", "deprecated", "longer", "available for"));
    String s = "There is no need to open port 8080.";
    assertThat(old.find(s)).isFalse();
    assertThat(AgainstWords.REFUSAL.find(s)).isTrue();
    assertThat(AgainstWords.refuses(s)).isTrue();
    assertThat(AgainstWords.refuses("The agent needs port 8080 open.")).isFalse();
  }

  @Test
  void findStartingWithFindsTheLeftmostMatch() throws IOException {
    List<String> texts = texts();
    record Case(Pattern p, String[] starts) {}
    List<Case> cases = List.of(new Case(ProsePorts.DEFAULT_PROTOCOL, new String[] {"tcp", "udp", "all"}),
        new Case(ProsePorts.ALL_PORTS_OVER, new String[] {"over", "us", "via", "unless"}), new Case(ProsePorts.ALL_OVER_TLS, new String[] {"all"}));
    List<String> more = new ArrayList<>(texts);
    more.addAll(List.of("xTCP unless noted; UDP unless noted", "ALL PORTS ARE UDP.", "Panorama communicates over TCP on all of these ports",
        "Unless a row says otherwise, the port is a UDP port.", "All traffic between the nodes runs over HTTPS.", "ball ports are tcp; all ports are udp"));
    for (Case c : cases) {
      int found = 0;
      for (String t : more) {
        Matcher bare = c.p().matcher(t);
        Matcher gated = GatedPattern.findStartingWith(c.p(), t, c.starts());
        if (bare.find()) {
          found++;
          assertThat(gated).as("%s on '%s'", c.p(), t.length() > 200 ? t.substring(0, 200) : t).isNotNull();
          assertThat(gated.start()).isEqualTo(bare.start());
          assertThat(gated.group()).isEqualTo(bare.group());
        } else assertThat(gated).isNull();
      }
      assertThat(found).as(c.p().pattern()).isPositive();
    }
    // "ball ports are tcp": a word boundary before the start is looked for outside the region, as find does.
    Matcher m = GatedPattern.findStartingWith(ProsePorts.DEFAULT_PROTOCOL, "ball ports are tcp; all ports are udp", "tcp", "udp", "all");
    assertThat(m.group(2)).isEqualTo("udp");
  }

  @Test
  void wordsAreLowerCaseAndAPatternMatchingNothingNeedsNone() {
    assertThatThrownBy(() -> GatedPattern.of("(?i)\\bport\\b", "Port")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatedPattern.of("(?i)x*", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(GatedPattern.asciiLower("TCP Ünd K")).isEqualTo("tcp Ünd k");
  }
}
