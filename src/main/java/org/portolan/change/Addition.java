package org.portolan.change;

import java.util.List;
import java.util.Optional;
import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;

/**
 * One line to add: accept exactly {@code accept} in {@code chain}, before the line
 * {@code before} (empty: at the end of the chain, before its policy), for the flow it serves.
 *
 * @param traffic which packets of the connection it lets through: {@code new}, {@code reply} or {@code established}
 * @param decidedBy the line (or policy) that blocks these packets today
 * @param in interface the packets enter by, when known (written into the line)
 * @param out interface the packets leave by, when known
 * @param requirements requirement ids the flow serves
 * @param rows vendor document rows of those requirements
 */
public record Addition(String flow, List<String> requirements, List<String> rows, String chain, Optional<LineSource> before, LineSource decidedBy,
    Space accept, Optional<String> in, Optional<String> out, String traffic, String verdictBefore) {
  public Addition {
    requirements = List.copyOf(requirements);
    rows = List.copyOf(rows);
    if (accept.isEmpty()) throw new IllegalArgumentException("an addition accepts something");
    if (!List.of("new", "reply", "established").contains(traffic)) throw new IllegalArgumentException("traffic must be new, reply or established");
  }

  /** "req-a, req-b — doc:12 — table — row": what the added line's comment says. */
  public String why() {
    String r = String.join(", ", requirements.isEmpty() ? List.of(flow) : requirements);
    String rowText = String.join("; ", rows.stream().filter(s -> !s.isBlank()).toList());
    return rowText.isEmpty() ? r : r + " — " + rowText;
  }
}
