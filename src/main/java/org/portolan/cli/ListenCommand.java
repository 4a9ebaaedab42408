package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "listen", mixinStandardHelpOptions = true, description = "(not built yet)")
final class ListenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'listen' is not built yet");
  }
}
