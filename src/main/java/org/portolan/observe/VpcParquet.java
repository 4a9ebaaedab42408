package org.portolan.observe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * AWS VPC flow logs delivered to S3 as Parquet, read with Apache Parquet: one column per
 * flow log field, named as the field with '-' written '_' (srcaddr, dstaddr, srcport, dstport,
 * protocol, packets, bytes, start, end, action, log_status, interface_id…). Rows are numbered
 * from 1 across the file's row groups; a malformed row is reported by its number (Parquet has
 * no line or byte offset for a row).
 */
final class VpcParquet {
  private VpcParquet() {}

  static void read(Path file, String name, RecordSink sink) throws IOException {
    // PlainParquetConfiguration: no Hadoop classes needed outside Spark (portolan.jar has none)
    var options = org.apache.parquet.ParquetReadOptions.builder(new org.apache.parquet.conf.PlainParquetConfiguration())
        .withCodecFactory(new ParquetCodecs()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      java.util.List<String> names = new java.util.ArrayList<>();
      for (Type t : schema.getFields()) names.add(t.getName().toLowerCase(Locale.ROOT).replace('_', '-'));
      VpcFlowLog text;
      try {
        text = new VpcFlowLog(names);
      } catch (IllegalArgumentException e) {
        sink.malformed(new Malformed(name, 0, -1, e.getMessage()));
        return;
      }
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      long row = 0;
      PageReadStore pages;
      StringBuilder line = new StringBuilder(256);
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0, n = pages.getRowCount(); i < n; i++) {
          Group g = rr.read();
          row++;
          // Each row becomes the equivalent text record, read by the one VPC field parser:
          // the same checks, the same messages, for text and Parquet.
          line.setLength(0);
          for (int f = 0; f < names.size(); f++) {
            if (f > 0) line.append(' ');
            line.append(g.getFieldRepetitionCount(f) == 0 ? "-" : value(g, f, schema.getType(f)));
          }
          final long r = row;
          long[] got = {0};
          String problem = text.parse(line.toString(), r, rec -> {
            got[0]++;
            sink.record(rec);
          });
          if (problem != null) sink.malformed(new Malformed(name, r, -1, problem));
          else if (got[0] == 0) sink.skipped();
        }
      }
    }
  }

  private static String value(Group g, int f, Type t) {
    if (!t.isPrimitive()) return "?";
    PrimitiveType p = t.asPrimitiveType();
    String v = switch (p.getPrimitiveTypeName()) {
      case INT32 -> Integer.toString(g.getInteger(f, 0));
      case INT64 -> Long.toString(g.getLong(f, 0));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> g.getString(f, 0);
      case BOOLEAN -> Boolean.toString(g.getBoolean(f, 0));
      case FLOAT -> Float.toString(g.getFloat(f, 0));
      case DOUBLE -> Double.toString(g.getDouble(f, 0));
      case INT96 -> "?";
    };
    return v.isEmpty() ? "?" : v.replace(' ', '_');
  }
}
