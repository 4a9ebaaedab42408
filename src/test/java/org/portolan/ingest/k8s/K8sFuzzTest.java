package org.portolan.ingest.k8s;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.portolan.ingest.RulesetImporter;
import org.portolan.ingest.acl.AclAssert;

class K8sFuzzTest {
  /** Any input gives a ruleset or errors with a position in this file; never an exception, a hang or an OOM. */
  @FuzzTest(maxDuration = "30s")
  void anyInputGivesARulesetOrPositionedErrors(byte[] data) {
    AclAssert.importsOrFailsWithPositions(data, RulesetImporter.Format.K8S);
  }
}
