package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "(not built yet)")
final class PlanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'plan' is not built yet");
  }
}
