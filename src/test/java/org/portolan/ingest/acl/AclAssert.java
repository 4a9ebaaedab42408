package org.portolan.ingest.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.Diagnostics;
import org.portolan.ingest.RulesetImporter;
import org.portolan.model.AddressBlocks;
import org.portolan.model.PortSet;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.plan.Endpoint;
import org.portolan.plan.Flow;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Trace;
import org.portolan.verify.FlowResult;
import org.portolan.verify.Verifier;
import org.portolan.verify.VerifyOptions;

/** Behavioural matchers for importer tests: what does this ruleset do with this flow? */
public final class AclAssert {
  private AclAssert() {}

  public static String resource(String path) {
    try (InputStream in = AclAssert.class.getResourceAsStream(path)) {
      if (in == null) throw new IllegalArgumentException("no test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Imports a test resource, failing on errors. */
  public static Acl load(String path, Diagnostics d) {
    return RulesetImporter.read(resource(path), path, Optional.empty(), d).orElseThrow(() -> new AssertionError("import failed: " + d.all()));
  }

  public static Flow flow(String src, String dst, String proto, String ports) {
    Protocol p = Protocol.parse(proto);
    if (p instanceof Protocol.Icmp && !ports.isBlank()) p = Protocol.Icmp.ofType(Integer.parseInt(ports.strip()));
    return new Flow("f", List.of(new Endpoint.Addresses(src, "", AddressBlocks.parse(src))), List.of(new Endpoint.Addresses(dst, "", AddressBlocks.parse(dst))),
        p, p.hasPorts() ? PortSet.parse(ports) : PortSet.EMPTY, true, false, List.of(new Trace("", "", "f", "", "", "", "", Provenance.NONE)));
  }

  /** The verdict (allowed, partial, blocked) and the deciding line for one flow. */
  public static FlowResult verdict(Acl acl, VerifyOptions opt, String src, String dst, String proto, String ports) {
    return Verifier.verify(acl, new FlowPlan("", List.of(flow(src, dst, proto, ports)), List.of()), opt.withoutRuleAnalysis(), List.of()).flows().getFirst();
  }

  public static FlowResult verdict(Acl acl, String src, String dst, String proto, String ports) {
    return verdict(acl, VerifyOptions.DEFAULT, src, dst, proto, ports);
  }

  /**
   * The fuzz property of every importer: any input gives a ruleset or errors with a position
   * in this file (never an exception, a hang or an OOM), and an imported ruleset can be evaluated.
   */
  public static void importsOrFailsWithPositions(byte[] data, RulesetImporter.Format format) {
    String text = new String(data, StandardCharsets.UTF_8);
    Diagnostics d = new Diagnostics();
    Optional<Acl> acl = RulesetImporter.read(text, "fuzz.in", Optional.of(format), d);
    for (Diagnostic x : d.all()) assertThat(x.position().file()).isEqualTo("fuzz.in");
    if (acl.isEmpty()) {
      assertThat(d.errors()).isNotEmpty();
      assertThat(d.errors()).allSatisfy(e -> assertThat(e.position().line() > 0 || !e.message().isBlank()).isTrue());
      return;
    }
    assertThat(d.errors()).isEmpty();
    var plan = new FlowPlan("", List.of(flow("198.18.1.1", "198.19.0.1", "tcp", "80")), List.of());
    assertThat(Verifier.verify(acl.get(), plan, VerifyOptions.DEFAULT.withoutRuleAnalysis(), d.warnings()).flows()).hasSize(1);
  }
}
