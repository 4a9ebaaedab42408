package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "(not built yet)")
final class VerifyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'verify' is not built yet");
  }
}
