package org.portolan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "import-doc", mixinStandardHelpOptions = true, description = "(not built yet)")
final class ImportDocCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UsageException("'import-doc' is not built yet");
  }
}
