package org.portolan.ingest.k8s;

import java.util.List;
import java.util.Optional;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.acl.Acl;
import org.portolan.ingest.acl.LocatedJson;

/**
 * Kubernetes NetworkPolicies ({@code kubectl get networkpolicy,pod,namespace -A -o yaml} or
 * {@code -o json}, or manifests of one or more YAML documents) → vendor records → ACL model,
 * with the Pods and Namespaces of the same input resolving the selectors to addresses. See
 * docs/verify.md "Kubernetes NetworkPolicy".
 */
public final class K8sImporter {
  private K8sImporter() {}

  public static Optional<Acl> read(String content, String file, Diagnostics d) {
    String t = content.stripLeading();
    Optional<List<LocatedJson>> docs = t.startsWith("{") || t.startsWith("[")
        ? LocatedJson.parse(content, file, d).map(List::of) : LocatedJson.parseYaml(content, file, d);
    if (docs.isEmpty()) return Optional.empty();
    if (docs.get().isEmpty()) {
      d.error(org.portolan.diag.SourcePosition.of(file), "empty file: expected NetworkPolicy objects (kubectl get networkpolicy -A -o yaml)");
      return Optional.empty();
    }
    K8s.Cluster c = K8sParser.parse(docs.get(), d);
    if (d.hasErrors()) return Optional.empty();
    if (c.policies().isEmpty()) d.warning(org.portolan.diag.SourcePosition.of(file), "no NetworkPolicy in the input: every pod is open in both directions");
    return Optional.of(K8sConverter.convert(c, file, d));
  }
}
