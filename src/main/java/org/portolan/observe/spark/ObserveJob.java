package org.portolan.observe.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;
import org.portolan.observe.LogFormat;
import org.portolan.observe.ObserveJson;
import org.portolan.observe.ObserveResult;
import org.portolan.observe.Partial;
import org.portolan.observe.Window;
import org.portolan.plan.FlowPlan;
import scala.Tuple2;

/**
 * The observe attribution as an Apache Spark job, for logs that outgrow one machine:
 *
 * <pre>
 * spark-submit --class org.portolan.observe.spark.ObserveJob target/portolan.jar \
 *     --flows flows.csv --out s3a://bucket/observe/result.json [--parquet s3a://bucket/observe/result/] \
 *     s3a://bucket/AWSLogs/.../vpcflowlogs/
 * </pre>
 *
 * Each log file (plain, gzip or Parquet; any Hadoop file system: file:, hdfs:, s3a:, abfs:, gs:)
 * is one task, read and attributed by the embedded engine's own reader and attribution
 * ({@link Partial}); the driver merges the per-file partials in path order. The result is the
 * same JSON (and the same bytes) the embedded {@code portolan observe --format json} writes for
 * the same files — a test holds the two to that — and, with {@code --parquet DIR}, the same result
 * as Parquet tables ({@link ResultParquet}). Flow logs arrive as many files (one per
 * interval and interface), so files are the unit of parallelism; one huge file is one task.
 */
public final class ObserveJob {
  private ObserveJob() {}

  /** Options of one run. {@code format} null = detect per file. */
  public record Job(List<String> inputs, String flowsCsv, String flowsName, LogFormat format, Window window) {}

  public static void main(String[] args) throws IOException {
    List<String> inputs = new ArrayList<>();
    String flows = null, out = null, parquet = null, since = null, until = null, format = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--flows" -> flows = args[++i];
        case "--out" -> out = args[++i];
        case "--parquet" -> parquet = args[++i];
        case "--since" -> since = args[++i];
        case "--until" -> until = args[++i];
        case "--log-format" -> format = args[++i];
        case "--help", "-h" -> {
          System.out.println("usage: spark-submit --class org.portolan.observe.spark.ObserveJob portolan.jar --flows FLOWS.csv --out RESULT.json"
              + " [--parquet DIR] [--log-format F] [--since T] [--until T] LOG-PATH...\n(FLOWS.csv: `portolan plan SITE.yaml --format csv`; paths may be"
              + " directories or globs on any Hadoop file system; --parquet DIR also writes the result as the Parquet tables"
              + " DIR/flows, DIR/unexplained, DIR/rules and DIR/stats)");
          return;
        }
        default -> inputs.add(args[i]);
      }
    }
    if (flows == null || out == null || inputs.isEmpty())
      throw new IllegalArgumentException("give --flows FLOWS.csv, --out RESULT.json and at least one log path (see --help)");
    LogFormat f = format == null ? null : LogFormat.byKeyword(format).orElseThrow(() -> new IllegalArgumentException("unknown --log-format"));
    Window w = Window.of(since == null ? null : Instant.parse(since), until == null ? null : Instant.parse(until));
    try (SparkSession spark = SparkSession.builder().appName("portolan observe").getOrCreate()) {
      Configuration conf = spark.sparkContext().hadoopConfiguration();
      org.apache.hadoop.fs.Path fp = new org.apache.hadoop.fs.Path(flows);
      String csv;
      try (InputStream in = fp.getFileSystem(conf).open(fp)) {
        csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      ObserveResult r = run(spark, new Job(inputs, csv, flows, f, w));
      org.apache.hadoop.fs.Path op = new org.apache.hadoop.fs.Path(out);
      try (OutputStream o = op.getFileSystem(conf).create(op, true)) {
        o.write(ObserveJson.write(r).getBytes(StandardCharsets.UTF_8));
      }
      if (parquet != null) ResultParquet.write(spark, r, parquet);
    }
  }

  /** Runs the job on {@code spark} and returns the merged result. */
  public static ObserveResult run(SparkSession spark, Job job) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    FlowPlan plan = Partial.plan(job.flowsCsv(), job.flowsName());
    JavaPairRDD<String, PortableDataStream> files = sc.binaryFiles(String.join(",", job.inputs()));
    // Files in path order get the indices the embedded engine gives them in argument order.
    List<String> paths = new ArrayList<>(files.keys().collect());
    paths.sort(null);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < paths.size(); i++) index.put(paths.get(i), i);
    Broadcast<Map<String, Integer>> indexB = sc.broadcast(index);
    Broadcast<String> csvB = sc.broadcast(job.flowsCsv());
    String flowsName = job.flowsName();
    LogFormat format = job.format();
    Window window = job.window();
    List<Partial> partials = files.map((Tuple2<String, PortableDataStream> t) -> {
      String uri = t._1();
      PortableDataStream s = t._2();
      org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = hp.getFileSystem(s.getConfiguration());
      FileStatus st = fs.getFileStatus(hp);
      int year = Instant.ofEpochMilli(st.getModificationTime()).atZone(ZoneOffset.UTC).getYear();
      FlowPlan p = Partial.plan(csvB.value(), flowsName);
      Path[] copy = {null};
      try (InputStream in = s.open()) {
        return Partial.of(in, () -> copy[0] = local(fs, hp), name(uri), year, indexB.value().get(uri), format, p, window);
      } finally {
        if (copy[0] != null && !uri.startsWith("file:")) Files.deleteIfExists(copy[0]);
      }
    }).collect();
    return Partial.combine(partials, plan, window);
  }

  /** Local files are named by their path, as the embedded engine names them; other file systems by URI. */
  static String name(String uri) {
    return uri.startsWith("file:") ? new org.apache.hadoop.fs.Path(uri).toUri().getPath() : uri;
  }

  /** The file itself when local, else a copy in the task's temp directory (Parquet and pcap need random access). */
  private static Path local(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
    if (p.toUri().getScheme() == null || p.toUri().getScheme().equals("file")) return Path.of(p.toUri().getPath());
    Path tmp = Files.createTempFile("portolan-observe", ".bin");
    try (InputStream in = fs.open(p)) {
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw new UncheckedIOException(e);
    }
    return tmp;
  }
}
