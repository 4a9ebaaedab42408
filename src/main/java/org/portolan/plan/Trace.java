package org.portolan.plan;

import org.portolan.model.Provenance;

/**
 * Why a flow exists: the product instance, requirement and roles it was resolved from. Flows
 * read from a flows CSV carry the row's name as {@code requirement} and the file position.
 */
public record Trace(
    String product,
    String instance,
    String requirement,
    String initiatorRole,
    String responderRole,
    String purpose,
    String condition,
    Provenance provenance) {

  public Trace {
    product = product == null ? "" : product;
    instance = instance == null ? "" : instance;
    initiatorRole = initiatorRole == null ? "" : initiatorRole;
    responderRole = responderRole == null ? "" : responderRole;
    purpose = purpose == null ? "" : purpose;
    condition = condition == null ? "" : condition;
    provenance = provenance == null ? Provenance.NONE : provenance;
  }

  /** "zenworks/http-content", or the flows-CSV row name. */
  public String requirementRef() {
    return instance.isEmpty() ? requirement : instance + "/" + requirement;
  }
}
