package org.portolan.docimport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.docimport.PortEvidence.Against;
import org.portolan.docimport.PortEvidence.AgainstClue;

/**
 * The evidence stage's one vocabulary of words that speak against a port to open: refusals
 * ("must be free", "do not open these ports"), negations ("does not constitute a port", "was
 * removed"), doubts ("legacy", "instead of"), legacy names ("older code still names ports 4001
 * and 7001") and the back-references that carry a refusal to the sentence before ("Do not open
 * these ports."). {@link PortSweep} turns them into {@link AgainstClue}s; {@link ProsePorts},
 * {@link CandidateRows} and the table readers ask the same questions here, so a word added once
 * counts for every reader. Hand-written lists: no library knows how port pages say "not this
 * port".
 */
final class AgainstWords {
  private AgainstWords() {}

  /**
   * A sentence that says its ports are not to be opened: "must be free", "must not be in use",
   * "do not open", "leave them blocked", "is not required", "need not be opened", "deprecated".
   */
  static final GatedPattern REFUSAL = GatedPattern.of("(?i)\\b(?:"
      + "(?:must|should|need\\s+to|needs\\s+to|has\\s+to|have\\s+to)\\s+(?:be|stay|remain)\\s+(?:free|unused|available\\s+for)"
      + "|(?:must|should)\\s*(?:not|n't)\\s+be\\s+(?:in\\s+use|used|opened|open)\\b"
      + "|(?:do|does)\\s*(?:not|n't)\\s+(?:open|expose|allow|need\\s+to\\s+(?:be\\s+)?open\\w*)\\b"
      + "|don't\\s+(?:open|expose|allow)\\b|never\\s+(?:open|expose)\\b"
      + "|(?:leave|keep)\\s+(?:\\S+\\s+){0,4}?(?:blocked|closed|filtered)\\b"
      + "|(?:must|should)\\s+(?:stay|remain|be\\s+kept|be)\\s+(?:closed|blocked)\\b"
      + "|(?:is|are)\\s+not\\s+(?:required|needed|necessary|used)\\b"
      + "|need\\s+not\\s+be\\s+open\\w*|needn't\\s+be\\s+open\\w*|no\\s+need\\s+to\\s+open\\b"
      + "|not\\s+(?:required|needed)\\s+(?:to\\s+be\\s+open\\w*|any\\s*more)"
      + "|no\\s+longer\\s+(?:used|required|needed|open\\w*)|deprecated)",
      "not", "n't", "free", "unused", "never", "leave", "keep", "closed", "blocked", "deprecated", "longer", "available", "need");
  /** A sentence that also asks for the port to be open ("must be open and must not be in use by another service") still states a requirement. */
  private static final Pattern STILL_REQUIRED = Pattern.compile(
      "(?i)\\b(?:must|should|need\\s+to|needs\\s+to)\\s+be\\s+(?:open(?:ed)?|reachable|accessible|allowed|permitted)\\b|\\b(?:must|should)\\s*(?:not|n't)\\s+be\\s+(?:blocked|filtered)\\b");

  /**
   * Statements that the number is not a port to open: "does not constitute a port", "is no longer
   * used", "was removed", "is gone in 3.x", "was dropped in release 5", "must be free", "must not be opened", "does not need to be opened" (not
   * "… to the internet", which limits where it is open). Decisive: it takes away what a reader read.
   */
  static final GatedPattern NEGATION = GatedPattern.of("(?i)\\b(?:(?:does|do|is|are)\\s+not\\s+(?:constitute\\s+)?(?:an?\\s+)?ports?\\b"
      + "|no\\s+longer\\s+(?:used|needed|required|in\\s+use|open(?:ed)?)|(?:was|were|has\\s+been|have\\s+been|is|are)\\s+removed\\b|(?:was|were|has\\s+been|have\\s+been|is|are)\\s+(?:gone|dropped|discontinued)\\s+(?:in|since|as\\s+of|from|with|starting)\\b|must\\s+be\\s+free"
      + "|(?:must|should|need|does|do)\\s+not\\s+(?:need\\s+to\\s+)?be\\s+(?:open(?:ed)?|forwarded)\\b(?!\\s+(?:to|on|from|towards?)\\s+(?:the\\s+)?(?:internet|outside|public|world|wan))"
      + "|need\\s+not\\s+be\\s+open(?:ed)?|(?<=[:;\u2013\u2014]\\s{0,3})removed\\b"
      // "Not used from R70", "not used since 5.0", "not used in NIOS 8.x and later": retired as of a release.
      + "|not\\s+used\\s+(?:since|from|after|as\\s+of|in|starting\\s+(?:with|from|in))\\s+(?:[a-z]+\\s+){0,2}?[rv]?\\d"
      // "Insecure; keep disabled", "leave it closed": the page advises against opening it (not "… closed unless X is used").
      + "|(?:leave|keep)\\s+(?:\\S+\\s+){0,3}?(?:disabled|closed|blocked)\\b(?!\\s*,?\\s*(?:unless|until|if|except|when)\\b))",
      "not", "longer", "removed", "gone", "dropped", "discontinued", "free", "leave", "keep");

  /**
   * Words that cast doubt on a number as a port to open ("legacy", "instead of", "not used by",
   * "deprecated"): enough to add nothing, not enough to take away what a reader read, because
   * rows and sentences say them of other things too ("blocks the legacy agent", "not used by
   * clients").
   */
  static final GatedPattern DOUBT = GatedPattern.of("(?i)\\b(?:removed|deprecated|no\\s+longer|not\\s+(?:required|needed|used|necessary|open(?:ed)?|exposed(?!\\s+(?:beyond|outside|to)\\b))"
      + "|obsolete|legacy|formerly|previously|must\\s+be\\s+free|(?:do\\s+not|don't|never)\\s+(?:open|expose)|unused|retired|replaced\\s+by|instead\\s+of"
      + "|-j\\s+(?:drop|reject)|deny)\\b",
      "removed", "deprecated", "longer", "not", "obsolete", "legacy", "formerly", "previously", "free", "don't", "never", "unused", "retired", "replaced", "instead", "drop", "reject", "deny");

  /**
   * Ports named as what older versions or documents used, not as ports to open: "older code and
   * documentation still name ports 4001 and 7001", "port 7001 is no longer used".
   */
  static final GatedPattern LEGACY = GatedPattern.of(
      "(?i)\\b(?:legacy|older|old|obsolete|former|previous|earlier)\\s+(?:code|documentation|docs|versions?|releases?|clients?|installations?|deployments?|(?:install(?:ation)?\\s+|setup\\s+)?(?:guides?|manuals?|instructions))\\b"
          + "|\\bno\\s+longer\\b|\\bformerly\\b|\\bpreviously\\b|\\bused\\s+to\\s+(?:be|listen|run)\\b"
          + "|\\bversions?\\s+(?:before|prior\\s+to|older\\s+than|earlier\\s+than)\\s+v?\\d",
      "legacy", "old", "obsolete", "former", "previous", "earlier", "longer", "used", "version");

  /** A sentence without numbers that points back at the ports of the one before: "Do not open these ports.", "Allow both TCP and UDP on them." */
  static final GatedPattern BACK_REFERENCE = GatedPattern.of("(?i)\\b(?:these|those|them|they|it|both|this\\s+port|that\\s+port|the\\s+same\\s+port)\\b",
      "these", "those", "them", "they", "it", "both", "port");

  /**
   * A change away from the default: "if you move the UI to another port, for example 946", "if
   * 1414 is already in use, add a second entry, for example 1822": an example after these words
   * names no port the product opens.
   */
  static final GatedPattern OTHER_PORT = GatedPattern.of(
      "(?i)\\b(?:another|a\\s+different|other|custom|non-?standard|non-?default|alternate|alternative|unused|a\\s+(?:second|free|spare))"
          + "\\s+(?:tcp\\s+|udp\\s+)?port\\b|\\b(?:is|are)\\s+(?:already\\s+)?(?:in\\s+use|taken|occupied)\\b",
      "port", "use", "taken", "occupied");

  /** A refusal beside an ICMP ("ICMP is not needed", "block ICMP"). */
  private static final Pattern ICMP_REFUSED = Pattern.compile("(?i)\\b(?:not|no|never|blocks?|blocked|drops?|dropped|den(?:y|ies|ied)|disabl\\w*|reject\\w*)\\b");
  /** A double negation ("must not be blocked"): it still allows. */
  private static final Pattern ICMP_DOUBLE_NEGATION = Pattern.compile("(?i)\\b(?:must|should|do|does)\\s+not\\s+(?:be\\s+)?(?:block|blocked|drop|dropped|filter|filtered|den(?:y|ied))\\b");

  /** Whether {@code sentence} says its ports are not to be opened (see {@link #REFUSAL}), and does not also ask for them to be open. */
  static boolean refuses(String sentence) {
    return REFUSAL.find(sentence) && !STILL_REQUIRED.matcher(sentence).find();
  }

  /** A lead-in ending in ':' that refuses what follows it: "The following ports are used internally; do not open them:". */
  static boolean refusingLeadIn(String leadIn) {
    return leadIn.endsWith(":") && refuses(leadIn);
  }

  /** Whether {@code sentence} names its ports as what older versions or documents used (see {@link #LEGACY}). */
  static boolean legacy(String sentence) {
    return LEGACY.find(sentence);
  }

  /** Whether a sentence refuses the ICMP it names, unless it refuses only its blocking ("must not be blocked"). */
  static boolean refusesIcmp(String sentence) {
    return ICMP_REFUSED.matcher(sentence).find() && !ICMP_DOUBLE_NEGATION.matcher(sentence).find();
  }

  /** Whether a sentence speaks of a port other than the product's default (see {@link #OTHER_PORT}). */
  static boolean otherPort(String sentence) {
    return OTHER_PORT.find(sentence);
  }

  /** Whether a sentence points back at the ports of the sentence before. */
  static boolean pointsBack(String sentence) {
    return BACK_REFERENCE.find(sentence);
  }

  /**
   * "After the initial setup SSH is no longer required": needed until then, so a doubt, not a
   * negation (the port is still one to open for the setup).
   */
  private static final Pattern ONLY_UNTIL = Pattern.compile(
      "(?i)\\b(?:after|once)\\s+(?:the\\s+)?(?:initial\\s+|first\\s+)?(?:setup|set-up|installation|install|configuration|provisioning|bootstrap\\w*|deployment|onboarding)\\b");

  /** Whether the text states that its number is not a port to open (see {@link #NEGATION}). */
  static boolean negates(String text) {
    Matcher m = NEGATION.matcher(text);
    return m.find() && !onlyUntil(m, text);
  }

  private static boolean onlyUntil(Matcher negation, String text) {
    return negation.group().regionMatches(true, 0, "no", 0, 2) && ONLY_UNTIL.matcher(text).find();
  }

  /**
   * The evidence against that {@code text} states, as a clue whose cue names {@code where} ("the
   * sentence", "the row") and the words: a negation, else a doubt, else {@code null}.
   */
  static AgainstClue against(String text, String where) {
    Matcher neg = NEGATION.matcher(text);
    if (neg.find() && !onlyUntil(neg, text)) return new AgainstClue(Against.NEGATION, where + " says '" + neg.group() + "'");
    Matcher doubt = DOUBT.matcher(text);
    if (doubt.find()) return new AgainstClue(Against.DOUBT, where + " says '" + doubt.group() + "'");
    return null;
  }

  /** A refusal in a sentence without numbers that points back: a negation when it negates, else a refusal as doubt; {@code null} when neither. */
  static Against pointingBackAgainst(String sentence) {
    if (!pointsBack(sentence)) return null;
    if (negates(sentence)) return Against.NEGATION;
    return refuses(sentence) ? Against.DOUBT : null;
  }

}
