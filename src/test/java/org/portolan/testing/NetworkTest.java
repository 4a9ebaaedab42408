package org.portolan.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (or method) that builds network namespaces with {@link Lab}: tagged
 * {@code netns}, so {@code ./mvnw verify -Dgroups=netns} runs only these and
 * {@code -DexcludedGroups=netns} everything else.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("netns")
public @interface NetworkTest {}
