package org.portolan.ingest.gcp;

import java.util.List;
import org.portolan.diag.SourcePosition;

/** GCP VPC firewall-rule vendor records, as {@code gcloud compute firewall-rules list --format=json} (or Terraform JSON) writes them. */
final class GcpFirewall {
  private GcpFirewall() {}

  /** One protocol entry of {@code allowed}/{@code denied}: {@code IPProtocol} (name, number or {@code all}) and ports. */
  record Proto(String protocol, List<String> ports) {}

  /**
   * One rule. {@code targets} are target tags ({@code tag:T}) and service accounts
   * ({@code sa:EMAIL}): a rule with targets applies only to those instances.
   */
  record Rule(String name, String direction, int priority, boolean allow, List<Proto> protos, List<String> sourceRanges, List<String> destinationRanges,
      List<String> sourceTags, List<String> targets, boolean disabled, SourcePosition at) {
    Rule {
      protos = List.copyOf(protos);
      sourceRanges = List.copyOf(sourceRanges);
      destinationRanges = List.copyOf(destinationRanges);
      sourceTags = List.copyOf(sourceTags);
      targets = List.copyOf(targets);
    }
  }
}
