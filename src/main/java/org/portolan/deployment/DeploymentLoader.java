package org.portolan.deployment;

import java.nio.file.Path;
import org.portolan.catalog.Catalog;
import org.portolan.diag.Diagnostics;

/** Reads a deployment YAML file, validates it against its schema and the catalog. */
public final class DeploymentLoader {
  private DeploymentLoader() {}

  public static Deployment load(Path file, Catalog catalog, Diagnostics d) {
    throw new UnsupportedOperationException("deployment loading is being built");
  }
}
