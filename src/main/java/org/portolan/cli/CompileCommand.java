package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "compile", mixinStandardHelpOptions = true, description = "(not built yet)")
final class CompileCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'compile' is not built yet");
  }
}
