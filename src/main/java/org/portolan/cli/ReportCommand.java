package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, description = "(not built yet)")
final class ReportCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'report' is not built yet");
  }
}
