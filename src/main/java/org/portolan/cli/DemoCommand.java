package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "(not built yet)")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'demo' is not built yet");
  }
}
