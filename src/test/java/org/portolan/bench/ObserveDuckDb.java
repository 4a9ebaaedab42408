package org.portolan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The peer of the observe benchmark: DuckDB (JDBC, its own JVM) doing the same attribution
 * with SQL — read_csv of the VPC logs, a range join to the flows (address ranges, protocol,
 * port range), the same reply rule (a record no flow explains, whose reverse one does), per-flow
 * records/accepted/denied/replies and the unexplained groups as Portolan forms them (source: the
 * smallest site block holding it, else its /24; destination address; protocol; port; a record
 * from a port below 1024 to one above read as that service's reply). bench/observe.sh checks
 * the counts against Portolan's.
 * IPv4 only (the test site's addresses), as integers: the INET extension would need a download.
 * {@code ObserveDuckDb FLOWS-RANGES.csv LOG-GLOB}; prints records and per-flow counts.
 */
public final class ObserveDuckDb {
  private ObserveDuckDb() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("ranges")) {
      ranges(Path.of(args[2]));
      return;
    }
    String flows = args[0], glob = args[1];
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads TO 2");
      // spill under the benchmark's temp directory (deleted with it), not in the working directory
      s.execute("SET memory_limit = '6GB'");
      s.execute("SET temp_directory = '" + System.getProperty("duckdb.tmp", System.getProperty("java.io.tmpdir") + "/portolan-duckdb") + "'");
      s.execute("CREATE TABLE flows AS SELECT * FROM read_csv('" + flows + "', header=true)");
      s.execute("""
          CREATE MACRO v4(a) AS (split_part(a, '.', 1)::BIGINT << 24) + (split_part(a, '.', 2)::BIGINT << 16)
            + (split_part(a, '.', 3)::BIGINT << 8) + split_part(a, '.', 4)::BIGINT""");
      s.execute("""
          CREATE TABLE recs AS SELECT row_number() OVER () AS id, v4(srcaddr) AS src, v4(dstaddr) AS dst, srcport, dstport, protocol, action
          FROM read_csv('%s', delim=' ', header=false, columns={'version':'INT','account':'VARCHAR','eni':'VARCHAR','srcaddr':'VARCHAR',
            'dstaddr':'VARCHAR','srcport':'INT','dstport':'INT','protocol':'INT','packets':'BIGINT','bytes':'BIGINT','start':'BIGINT',
            'end':'BIGINT','action':'VARCHAR','status':'VARCHAR'})
          WHERE status = 'OK'""".formatted(glob));
      s.execute("""
          CREATE TABLE fwd AS SELECT r.id, f.name, r.action FROM recs r JOIN flows f
            ON r.protocol = f.proto AND r.dstport BETWEEN f.port_lo AND f.port_hi
           AND r.src BETWEEN f.src_lo AND f.src_hi AND r.dst BETWEEN f.dst_lo AND f.dst_hi""");
      s.execute("""
          CREATE TABLE rev AS SELECT r.id, f.name, r.action FROM recs r ANTI JOIN fwd USING (id) JOIN flows f
            ON r.protocol = f.proto AND r.srcport BETWEEN f.port_lo AND f.port_hi
           AND r.dst BETWEEN f.src_lo AND f.src_hi AND r.src BETWEEN f.dst_lo AND f.dst_hi""");
      // unexplained: the rest, a port-below-1024-to-above record read as the reply of that service (the embedded rule), grouped
      // by the smallest site block holding the source (else its /24) and by destination address, as Portolan names them
      s.execute("""
          CREATE TABLE blocks AS SELECT DISTINCT lo, hi FROM (SELECT src_lo AS lo, src_hi AS hi FROM flows UNION SELECT dst_lo, dst_hi FROM flows)""");
      s.execute("""
          CREATE TABLE un AS SELECT id, CASE WHEN lr THEN dst ELSE src END AS s, CASE WHEN lr THEN src ELSE dst END AS d, protocol,
            CASE WHEN protocol IN (6, 17, 132) THEN CASE WHEN lr THEN srcport ELSE dstport END ELSE 0 END AS port
          FROM (SELECT *, protocol IN (6, 17) AND srcport < 1024 AND dstport >= 1024 AS lr FROM recs r ANTI JOIN fwd USING (id) ANTI JOIN rev USING (id))""");
      s.execute("""
          CREATE TABLE named AS SELECT un.id, arg_min(b.lo, b.hi - b.lo) AS block FROM un JOIN blocks b ON un.s BETWEEN b.lo AND b.hi GROUP BY un.id""");
      long records;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM recs")) {
        rs.next();
        records = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT name, count(*), count(*) FILTER (WHERE action = 'ACCEPT'), count(*) FILTER (WHERE action = 'REJECT'), sum(reply::INT)
          FROM (SELECT *, false AS reply FROM fwd UNION ALL SELECT *, true FROM rev) GROUP BY name ORDER BY name"""))  {
        while (rs.next())
          System.out.println("duckdb flow " + rs.getString(1) + " records " + rs.getLong(2) + " accepted " + rs.getLong(3) + " denied " + rs.getLong(4)
              + " replies " + rs.getLong(5));
      }
      try (ResultSet rs = s.executeQuery("""
          SELECT count(*), sum(n) FROM (SELECT coalesce(named.block, -1 - (un.s >> 8)) AS src, d, protocol, port, count(*) AS n
          FROM un LEFT JOIN named USING (id) GROUP BY ALL)""")) {
        rs.next();
        System.out.println("duckdb unexplained groups " + rs.getLong(1) + " records " + rs.getLong(2));
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("duckdb records %d in %.2f s: %.0f records/s%n", records, secs, records / secs);
    }
  }

  /** Writes the flows of the test site as address and port ranges, the table the SQL joins: {@code ranges FLOWS.csv OUT.csv}. */
  public static void ranges(Path out) throws Exception {
    var plan = org.portolan.observe.ObserveTestLogs.plan();
    StringBuilder b = new StringBuilder("name,proto,port_lo,port_hi,src_lo,src_hi,dst_lo,dst_hi\n");
    for (var f : plan.flows())
      for (var src : f.sources())
        for (var dst : f.destinations())
          for (var sb : ((org.portolan.plan.Endpoint.Addresses) src).blocks())
            for (var db : ((org.portolan.plan.Endpoint.Addresses) dst).blocks())
              for (var pr : f.ports().ranges())
                b.append(f.name()).append(',').append(f.protocol().keyword().equals("tcp") ? 6 : 17).append(',').append(pr.from()).append(',')
                    .append(pr.to()).append(',').append(sb.getLower().getValue()).append(',').append(sb.getUpper().getValue())
                    .append(',').append(db.getLower().getValue()).append(',').append(db.getUpper().getValue()).append('\n');
    Files.writeString(out, b.toString());
  }
}
