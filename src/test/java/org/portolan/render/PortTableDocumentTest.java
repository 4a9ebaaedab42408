package org.portolan.render;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.portolan.catalog.Catalog;
import org.portolan.catalog.CatalogLoader;
import org.portolan.testing.Cli;
import org.portolan.deployment.Deployment;
import org.portolan.deployment.DeploymentLoader;
import org.portolan.diag.Diagnostics;
import org.portolan.plan.FlowPlan;
import org.portolan.plan.Planner;
import org.portolan.testing.Golden;

class PortTableDocumentTest {
  private static final Catalog FIXTURE = load();

  private static Catalog load() {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.load(List.of(Cli.resource("fixtures/catalog")), d);
    d.throwIfErrors();
    return c;
  }

  @Test
  void siteTablesMatchGolden() throws Exception {
    Diagnostics d = new Diagnostics();
    Deployment dep = DeploymentLoader.load(Cli.resource("fixtures/site.yaml"), FIXTURE, d);
    FlowPlan plan = Planner.plan(FIXTURE, dep, d);
    d.throwIfErrors();
    Golden.assertMatches(Golden.of("render/doc/demo-site.md"), PortTableDocument.markdown(plan, dep, FIXTURE));
  }
}
