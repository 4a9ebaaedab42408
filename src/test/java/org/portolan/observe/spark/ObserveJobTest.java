package org.portolan.observe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
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

  @Test
  void parquetResultReadsBackAsTheEmbeddedResult(@TempDir Path dir) throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    ObserveTestLogs.vpc(logs.resolve("a.log"), 6_000, 997, 4, false);
    ObserveTestLogs.vpc(logs.resolve("b.log"), 4_000, 0, 5, false);
    List<Path> files = List.of(logs.resolve("a.log").toAbsolutePath(), logs.resolve("b.log").toAbsolutePath());
    ObserveResult embedded = Observer.observe(files, ObserveTestLogs.plan(), Observer.Options.defaults());
    ObserveResult onSpark = ObserveJob.run(spark, new ObserveJob.Job(List.of(logs.toUri().toString()), ObserveTestLogs.FLOWS, "flows.csv", null,
        Window.ALL));
    String out = dir.resolve("result").toUri().toString();
    ResultParquet.write(spark, onSpark, out);

    List<String> flows = spark.read().parquet(out + "/flows").collectAsList().stream().map(r -> String.join(" ", r.getString(0),
        r.getList(1).toString(), r.getString(6), Long.toString(r.getLong(7)), Long.toString(r.getLong(8)), Long.toString(r.getLong(9)),
        Long.toString(r.getLong(10)), Long.toString(r.getLong(11)), Long.toString(r.getLong(12)), Long.toString(r.getLong(13)),
        millis(r.getTimestamp(14)), millis(r.getTimestamp(15)), r.getList(16).stream().map(d -> ((Row) d).getString(0) + "/" + ((Row) d).getString(1)
            + "=" + ((Row) d).getLong(2)).toList().toString())).toList();
    assertThat(flows).containsExactlyElementsOf(embedded.flows().stream().map(f -> String.join(" ", f.flow(), f.requirements().toString(),
        f.status().keyword(), Long.toString(f.records()), Long.toString(f.accepted()), Long.toString(f.denied()), Long.toString(f.unknown()),
        Long.toString(f.replies()), Long.toString(f.packets()), Long.toString(f.bytes()), String.valueOf(f.first()), String.valueOf(f.last()),
        f.denials().stream().map(d -> d.device() + "/" + d.rule() + "=" + d.records()).toList().toString())).toList());
    assertThat(flows).anyMatch(f -> f.startsWith("ssh [ssh] denied")).anyMatch(f -> f.startsWith("ldap [ldap] not_seen"));

    List<String> unexplained = spark.read().parquet(out + "/unexplained").collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2) + "/" + r.getInt(3) + " " + r.getLong(4) + " " + millis(r.getTimestamp(11)))
        .toList();
    assertThat(unexplained).isNotEmpty().containsExactlyElementsOf(embedded.unexplained().stream()
        .map(c -> c.src() + " " + c.dst() + " " + c.proto() + "/" + c.port() + " " + c.records() + " " + c.first()).toList());
    Row stats = spark.read().parquet(out + "/stats").collectAsList().getFirst();
    assertThat(List.of(stats.getLong(0), stats.getLong(2), stats.getLong(5)))
        .containsExactly(embedded.stats().records(), embedded.stats().malformed(), embedded.stats().explained());
    assertThat(embedded.stats().malformed()).isEqualTo(6);

    // a reader that is not Spark's: DuckDB's, on the files Spark wrote
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
        var rs = st.executeQuery("SELECT sum(denied), count(*) FROM read_parquet('" + dir.resolve("result/flows") + "/*.parquet')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(embedded.flows().stream().mapToLong(ObserveResult.FlowObservation::denied).sum()).isPositive();
      assertThat(rs.getLong(2)).isEqualTo(embedded.flows().size());
    }
  }

  private static String millis(java.sql.Timestamp t) {
    return t == null ? "null" : Long.toString(t.getTime());
  }
}
