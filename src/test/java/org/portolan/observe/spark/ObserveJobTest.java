package org.portolan.observe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.portolan.observe.ObserveJson;
import org.portolan.observe.ObserveResult;
import org.portolan.observe.Observer;
import org.portolan.observe.ObserveTestLogs;
import org.portolan.observe.Window;

/** The Spark job on local[2] gives the embedded engine's result, byte for byte, on the same files. */
class ObserveJobTest {
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("observe-test").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) spark.stop();
  }

  @Test
  void sparkAndEmbeddedResultsAreIdentical(@TempDir Path dir) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    ObserveTestLogs.vpc(logs.resolve("a.log"), 10_000, 1_001, 1, false);
    ObserveTestLogs.vpc(logs.resolve("b.log.gz"), 5_000, 0, 2, true);
    ObserveTestLogs.vpcParquet(logs.resolve("c.parquet"), 2_000, 3);
    List<Path> files;
    try (Stream<Path> s = Files.list(logs)) {
      files = s.map(Path::toAbsolutePath).sorted().toList();
    }
    ObserveResult embedded = Observer.observe(files, ObserveTestLogs.plan(), Observer.Options.defaults());
    ObserveResult onSpark = ObserveJob.run(spark, new ObserveJob.Job(List.of(logs.toUri().toString()), ObserveTestLogs.FLOWS, "flows.csv", null,
        Window.ALL));
    assertThat(onSpark.inputs()).extracting(ObserveResult.Input::format).containsExactly("vpc", "vpc", "vpc-parquet");
    assertThat(onSpark.stats().records()).isEqualTo(10_000 - 9 + 5_000 + 2_000);
    assertThat(onSpark.stats().malformed()).isEqualTo(9);
    assertThat(ObserveJson.write(onSpark)).isEqualTo(ObserveJson.write(embedded));
  }
}
