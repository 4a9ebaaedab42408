package org.portolan.observe;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Decompressors for Parquet pages without Hadoop's Configuration: parquet-hadoop's own codec
 * factory builds a Hadoop Configuration (and needs the whole Hadoop runtime) just to find a
 * codec. Hand-written only as glue: the codecs are the libraries parquet-hadoop itself brings
 * (snappy-java, zstd-jni) and the JDK's gzip. AWS writes Parquet flow logs with gzip.
 * Reading only: observe never writes Parquet outside Spark.
 */
final class ParquetCodecs implements CompressionCodecFactory {
  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case UNCOMPRESSED -> new Decompressor((in, size) -> in);
      case SNAPPY -> new Decompressor((in, size) -> Snappy.uncompress(in));
      case GZIP -> new Decompressor((in, size) -> {
        try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(in))) {
          return g.readNBytes(size);
        }
      });
      case ZSTD -> new Decompressor((in, size) -> Zstd.decompress(in, size));
      case LZO, BROTLI, LZ4, LZ4_RAW -> throw new UnsupportedOperationException("Parquet pages compressed with " + codec
          + " are not supported; observe reads UNCOMPRESSED, SNAPPY, GZIP and ZSTD pages");
    };
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("observe only reads Parquet");
  }

  @Override
  public void release() {}

  private interface Codec {
    byte[] apply(byte[] in, int uncompressedSize) throws IOException;
  }

  private record Decompressor(Codec codec) implements BytesInputDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      byte[] out = codec.apply(bytes.toByteArray(), uncompressedSize);
      if (out.length != uncompressedSize)
        throw new IOException("a Parquet page decompressed to " + out.length + " bytes, its header says " + uncompressedSize);
      return BytesInput.from(out);
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
    }

    @Override
    public void release() {}
  }
}
