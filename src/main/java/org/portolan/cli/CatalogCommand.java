package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "catalog", mixinStandardHelpOptions = true, description = "(not built yet)")
final class CatalogCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'catalog' is not built yet");
  }
}
