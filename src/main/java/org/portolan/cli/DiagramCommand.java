package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "diagram", mixinStandardHelpOptions = true, description = "(not built yet)")
final class DiagramCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'diagram' is not built yet");
  }
}
