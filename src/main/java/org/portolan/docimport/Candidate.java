package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.portolan.model.Condition;
import org.portolan.model.Provenance;
import org.portolan.model.Service;

/**
 * A requirement as the importer has read it so far, before ids are given: one table row, one
 * sentence, or what a pass made of them. Immutable; each pass returns new candidates.
 *
 * @param label the words that name the service, for the requirement id
 * @param notes what the importer inferred rather than read, for {@code # REVIEW:} comments
 */
record Candidate(String label, String initiator, List<String> responders, List<Service> services, String purpose, Condition condition,
    boolean loopback, boolean stateful, boolean bidirectional, Provenance provenance, List<String> notes) {
  Candidate {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(initiator, "initiator");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(provenance, "provenance");
    responders = List.copyOf(responders);
    services = List.copyOf(services);
    notes = List.copyOf(notes);
    purpose = purpose == null ? "" : purpose;
    if (responders.isEmpty()) throw new IllegalArgumentException("a candidate needs a responder");
    if (services.isEmpty()) throw new IllegalArgumentException("a candidate needs a service");
  }

  /** A stateful, one-way, non-loopback candidate. */
  static Candidate of(String label, String initiator, List<String> responders, List<Service> services, String purpose, Condition condition,
      Provenance provenance, List<String> notes) {
    return new Candidate(label, initiator, responders, services, purpose, condition, false, true, false, provenance, notes);
  }

  /** The condition of several toggles: always, the one, or all of them. */
  static Condition allOf(List<Condition> conditions) {
    return conditions.isEmpty() ? Condition.ALWAYS : conditions.size() == 1 ? conditions.getFirst() : new Condition.All(conditions);
  }

  Candidate withInitiator(String id) {
    return new Candidate(label, id, responders, services, purpose, condition, loopback, stateful, bidirectional, provenance, notes);
  }

  Candidate withResponders(List<String> ids) {
    return new Candidate(label, initiator, ids, services, purpose, condition, loopback, stateful, bidirectional, provenance, notes);
  }

  Candidate withServices(List<Service> s) {
    return new Candidate(label, initiator, responders, s, purpose, condition, loopback, stateful, bidirectional, provenance, notes);
  }

  Candidate withLabel(String l) {
    return new Candidate(l, initiator, responders, services, purpose, condition, loopback, stateful, bidirectional, provenance, notes);
  }

  Candidate withCondition(Condition c) {
    return new Candidate(label, initiator, responders, services, purpose, c, loopback, stateful, bidirectional, provenance, notes);
  }

  Candidate asBidirectional() {
    return new Candidate(label, initiator, responders, services, purpose, condition, loopback, stateful, true, provenance, notes);
  }

  /** With {@code note} added, after dropping the notes that start with {@code replacing} (may be {@code null}). */
  Candidate noting(String note, String replacing) {
    List<String> n = new ArrayList<>(notes);
    if (replacing != null) n.removeIf(x -> x.startsWith(replacing));
    n.add(note);
    return new Candidate(label, initiator, responders, services, purpose, condition, loopback, stateful, bidirectional, provenance, n);
  }

  Candidate noting(String note) {
    return noting(note, null);
  }
}
