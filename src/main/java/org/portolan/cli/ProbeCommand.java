package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "probe", mixinStandardHelpOptions = true, description = "(not built yet)")
final class ProbeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'probe' is not built yet");
  }
}
