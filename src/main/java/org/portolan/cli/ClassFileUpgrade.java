package org.portolan.cli;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A build step (exec-maven-plugin, after the shaded jar is made): rewrites the class files of
 * the given packages that are older than Java 6 (version 50) as version 52 with stack maps, the
 * same code otherwise. picocli ships as Java 5 class files, and the JDK's AOT cache holds no
 * class older than 50: its ~175 classes were loaded, verified by the old type-inferencing
 * verifier and linked on every cold command, outside the launcher's cache (BENCHMARKS.md,
 * Start-up: picocli in the AOT cache). The JDK's own class-file API (JEP 484) regenerates the
 * stack maps; nothing else is changed. Usage: {@code ClassFileUpgrade JAR PACKAGE/...}.
 */
public final class ClassFileUpgrade {
  private ClassFileUpgrade() {}

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    List<String> prefixes = List.of(args).subList(1, args.length);
    int upgraded = 0;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
         FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
      ClassFile cf = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS, ClassFile.ClassHierarchyResolverOption.of(
          ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
      for (String prefix : prefixes) {
        Path dir = zip.getPath("/" + prefix);
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no " + prefix + " in " + jar);
        List<Path> classes;
        try (Stream<Path> s = Files.walk(dir)) {
          classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path p : classes) {
          byte[] bytes = Files.readAllBytes(p);
          ClassModel model = cf.parse(bytes);
          if (model.majorVersion() >= ClassFile.JAVA_6_VERSION) continue;
          // the version first, so the methods are rebuilt (with stack maps) for version 52
          ClassTransform version = (cb, e) -> {
            if (e instanceof ClassFileVersion) cb.withVersion(ClassFile.JAVA_8_VERSION, 0);
            else cb.with(e);
          };
          Files.write(p, cf.transformClass(model, version.andThen(ClassTransform.transformingMethodBodies((cob, coe) -> cob.with(coe)))));
          upgraded++;
        }
      }
    }
    System.out.println("ClassFileUpgrade: " + upgraded + " class files of " + prefixes + " upgraded to version 52 in " + jar);
  }
}
