package org.portolan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --catalog DIR}: extra catalog folders on top of the bundled catalog. */
final class CatalogOptions {
  @Option(names = "--catalog", paramLabel = "DIR", description = "Extra catalog folder or file (repeatable); adds to the bundled catalog.")
  List<Path> dirs = new ArrayList<>();
}
