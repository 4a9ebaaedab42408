package org.portolan.observe.spark;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.portolan.observe.ObserveResult;

/**
 * The observe result as Parquet tables, for the query engines a team already points at its
 * flow logs (Athena, Spark SQL, DuckDB): {@code DIR/flows} (one row per required flow: the JSON's
 * {@code flows}, denials as a list of structs, evidence left to the JSON), {@code DIR/unexplained}
 * (the candidates), {@code DIR/rules} (hit counts) and {@code DIR/stats} (one row). Columns are
 * the JSON's field names; times are timestamps (UTC), null when unknown. Written by Spark's own
 * Parquet writer, one file per table, rows in the JSON's order.
 */
final class ResultParquet {
  private ResultParquet() {}

  static final StructType DENIAL = new StructType(new StructField[] {field("device", DataTypes.StringType, false),
      field("rule", DataTypes.StringType, false), field("records", DataTypes.LongType, false)});
  static final StructType FLOWS = new StructType(new StructField[] {field("flow", DataTypes.StringType, false),
      field("requirements", DataTypes.createArrayType(DataTypes.StringType, false), false), field("src", DataTypes.StringType, false),
      field("dst", DataTypes.StringType, false), field("proto", DataTypes.StringType, false), field("ports", DataTypes.StringType, false),
      field("status", DataTypes.StringType, false), count("records"), count("accepted"), count("denied"), count("unknown"), count("replies"),
      count("packets"), count("bytes"), time("first"), time("last"), field("denials", DataTypes.createArrayType(DENIAL, false), false)});
  static final StructType UNEXPLAINED = new StructType(new StructField[] {field("src", DataTypes.StringType, false),
      field("dst", DataTypes.StringType, false), field("proto", DataTypes.StringType, false), field("port", DataTypes.IntegerType, false),
      count("records"), count("accepted"), count("denied"), count("unknown"), count("replies"), count("packets"), count("bytes"), time("first"),
      time("last"), field("example", DataTypes.StringType, false)});
  static final StructType RULES = new StructType(new StructField[] {field("device", DataTypes.StringType, false),
      field("rule", DataTypes.StringType, false), count("accepted"), count("denied"), count("unknown")});
  static final StructType STATS = new StructType(new StructField[] {count("records"), count("skipped"), count("malformed"),
      count("outside_window"), count("untimed"), count("explained"), time("first"), time("last"), count("unexplained_overflow"),
      count("rules_overflow")});

  /** Writes the four tables under {@code dir} (any Hadoop file system), replacing what was there. */
  static void write(SparkSession spark, ObserveResult r, String dir) {
    List<Row> flows = new ArrayList<>();
    for (var f : r.flows()) {
      List<Row> denials = new ArrayList<>();
      for (var d : f.denials()) denials.add(RowFactory.create(d.device(), d.rule(), d.records()));
      flows.add(RowFactory.create(f.flow(), scala(f.requirements()), f.src(), f.dst(), f.proto(), f.ports(), f.status().keyword(), f.records(),
          f.accepted(), f.denied(), f.unknown(), f.replies(), f.packets(), f.bytes(), ts(f.first()), ts(f.last()), scala(denials)));
    }
    List<Row> unexplained = new ArrayList<>();
    for (var c : r.unexplained())
      unexplained.add(RowFactory.create(c.src(), c.dst(), c.proto(), c.port(), c.records(), c.accepted(), c.denied(), c.unknown(), c.replies(),
          c.packets(), c.bytes(), ts(c.first()), ts(c.last()), c.example()));
    List<Row> rules = new ArrayList<>();
    for (var h : r.rules()) rules.add(RowFactory.create(h.device(), h.rule(), h.accepted(), h.denied(), h.unknown()));
    var s = r.stats();
    List<Row> stats = List.of(RowFactory.create(s.records(), s.skipped(), s.malformed(), s.outsideWindow(), s.untimed(), s.explained(), ts(s.first()),
        ts(s.last()), r.unexplainedOverflow(), r.rulesOverflow()));
    table(spark, flows, FLOWS, dir, "flows");
    table(spark, unexplained, UNEXPLAINED, dir, "unexplained");
    table(spark, rules, RULES, dir, "rules");
    table(spark, stats, STATS, dir, "stats");
  }

  private static void table(SparkSession spark, List<Row> rows, StructType schema, String dir, String name) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.replaceAll("/+$", "") + "/" + name);
  }

  /** Spark's external row type for an array column is a Scala sequence. */
  private static scala.collection.immutable.Seq<Object> scala(List<?> list) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<Object>(list)).toList();
  }

  private static Timestamp ts(Long millis) {
    return millis == null ? null : new Timestamp(millis);
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructField count(String name) {
    return field(name, DataTypes.LongType, false);
  }

  private static StructField time(String name) {
    return field(name, DataTypes.TimestampType, true);
  }
}
