package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "capture", mixinStandardHelpOptions = true, description = "(not built yet)")
final class CaptureCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'capture' is not built yet");
  }
}
