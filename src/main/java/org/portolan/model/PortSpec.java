package org.portolan.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The ports of a catalog service: a union of terms, made concrete by {@link #resolve}. */
public record PortSpec(List<PortTerm> terms) {
  public static final PortSpec NONE = new PortSpec(List.of());

  public PortSpec {
    terms = List.copyOf(terms);
  }

  public static PortSpec of(PortTerm... terms) {
    return new PortSpec(List.of(terms));
  }

  public static PortSpec fixed(int... ports) {
    List<PortTerm> t = new ArrayList<>();
    for (int p : ports) t.add(new PortTerm.Fixed(PortRange.of(p)));
    return new PortSpec(t);
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public PortSet resolve(Bindings bindings) {
    PortSet out = PortSet.EMPTY;
    for (PortTerm t : terms) out = out.union(t.resolve(bindings));
    return out;
  }

  /** The ports with every default in force (series expanded for one member). */
  public PortSet defaults() {
    return resolve(Bindings.DEFAULTS);
  }

  public String notation() {
    return terms.stream().map(PortTerm::notation).collect(Collectors.joining(","));
  }

  private static final Pattern SERIES = Pattern.compile("series\\(\\s*(\\d{1,5})\\s*,\\s*(\\d{1,5})\\s*\\)");
  private static final Pattern DYNAMIC = Pattern.compile("dynamic\\(\\s*([a-z][a-z0-9-]*)\\s*\\)");
  private static final Pattern CONFIG = Pattern.compile("\\$\\{([a-z][a-z0-9_]*):([0-9 ,-]+)}");
  private static final Pattern OPEN = Pattern.compile("(\\d{1,5})\\+");

  /**
   * Parses the catalog notation of ports (see {@link PortTerm}); {@code base} is added to
   * error offsets so they point into the enclosing text.
   */
  public static PortSpec parse(String text, int base) {
    List<PortTerm> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      int start = i;
      // A term ends at a comma that is not inside (...) or ${...}.
      int depth = 0;
      while (i < n) {
        char c = text.charAt(i);
        if (c == '(' || c == '{') depth++;
        else if (c == ')' || c == '}') depth--;
        else if (c == ',' && depth == 0) break;
        i++;
      }
      String term = text.substring(start, i).trim();
      if (term.isEmpty()) throw new NotationException(base + start, "expected a port term (80, 1024-65535, 6010+, series(4000,2), dynamic(rpc), ${name:default}) but found nothing");
      out.add(parseTerm(term, base + start));
      i++; // skip comma
    }
    if (out.isEmpty()) throw new NotationException(base, "expected at least one port");
    return new PortSpec(out);
  }

  private static PortTerm parseTerm(String term, int at) {
    try {
      Matcher m;
      if ((m = OPEN.matcher(term)).matches()) return new PortTerm.OpenEnded(Integer.parseInt(m.group(1)));
      if ((m = SERIES.matcher(term)).matches()) return new PortTerm.Series(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      if ((m = DYNAMIC.matcher(term)).matches()) {
        if (!DynamicRange.isKnown(m.group(1)))
          throw new NotationException(at, "unknown dynamic range '" + m.group(1) + "'; known: " + String.join(", ", DynamicRange.DESCRIPTIONS.keySet().stream().sorted().toList()));
        return new PortTerm.Dynamic(m.group(1));
      }
      if ((m = CONFIG.matcher(term)).matches()) {
        PortSet def = PortSet.tryParse(m.group(2)).orElseThrow(() -> new NotationException(at, "configurable port default must be ports or ranges within 0-65535, got '" + term + "'"));
        return new PortTerm.Configurable(m.group(1), def);
      }
      return PortRange.tryParse(term).<PortTerm>map(PortTerm.Fixed::new).orElseThrow(() -> new NotationException(at,
          "expected a port 0-65535, a range FROM-TO, FROM+ (and above), series(START,STEP), dynamic(NAME) or ${name:default}, got '" + term + "'"));
    } catch (NotationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new NotationException(at, e.getMessage());
    }
  }
}
