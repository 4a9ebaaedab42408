package org.portolan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The build's upgrade of picocli's class files (so that AOT caches can hold them): every class
 * becomes version 52 and still verifies and runs. Verification is on for classes a
 * URLClassLoader defines, and a version 52 class without stack maps is refused (VerifyError).
 */
class ClassFileUpgradeTest {
  @Test
  void picocliComesOutAsVersion52AndStillParsesACommandLine(@TempDir Path dir) throws Exception {
    Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(original.toString()).endsWith(".jar");
    Path jar = dir.resolve("picocli.jar");
    Files.copy(original, jar);
    assertThat(major(jar, "picocli/CommandLine.class")).isLessThan(50);

    ClassFileUpgrade.main(new String[] {jar.toString(), "picocli"});

    try (ZipFile z = new ZipFile(jar.toFile())) {
      z.stream().filter(e -> e.getName().startsWith("picocli/") && e.getName().endsWith(".class"))
          .forEach(e -> assertThat(major(jar, e.getName())).as(e.getName()).isEqualTo(52));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> cl = Class.forName("picocli.CommandLine", true, loader);
      assertThat(cl.getClassLoader()).isSameAs(loader);
      // a whole parse: the spec built by reflection over an annotated object, options matched
      Class<?> spec = Class.forName("picocli.CommandLine$Model$CommandSpec", true, loader);
      Class<?> option = Class.forName("picocli.CommandLine$Model$OptionSpec", true, loader);
      Object s = spec.getMethod("create").invoke(null);
      Object builder = option.getMethod("builder", String.class, String[].class).invoke(null, "--count", new String[0]);
      var type = builder.getClass().getMethod("type", Class.class);
      type.setAccessible(true); // declared by a package-private superclass
      type.invoke(builder, int.class);
      spec.getMethod("addOption", option).invoke(s, builder.getClass().getMethod("build").invoke(builder));
      Object commandLine = cl.getConstructor(Object.class).newInstance(s);
      Object result = cl.getMethod("parseArgs", String[].class).invoke(commandLine, (Object) new String[] {"--count", "7"});
      Object value = result.getClass().getMethod("matchedOptionValue", String.class, Object.class).invoke(result, "--count", 0);
      assertThat(value).isEqualTo(7);
      // and every class of the jar loads and links
      try (ZipFile z = new ZipFile(jar.toFile())) {
        for (var e : java.util.Collections.list(z.entries())) {
          String n = e.getName();
          if (!n.startsWith("picocli/") || !n.endsWith(".class")) continue;
          Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader).getDeclaredMethods();
        }
      }
    }
  }

  private static int major(Path jar, String entry) {
    try (ZipFile z = new ZipFile(jar.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
      DataInputStream d = new DataInputStream(in);
      d.readInt();
      d.readUnsignedShort();
      return d.readUnsignedShort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
