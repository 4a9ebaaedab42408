package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "doc", mixinStandardHelpOptions = true, description = "(not built yet)")
final class DocCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'doc' is not built yet");
  }
}
