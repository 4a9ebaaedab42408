package org.portolan.observe;

/** Where the readers of non-line formats (JSON documents, NetFlow, Parquet) put what they read. */
interface RecordSink {
  void record(LogRecord r);

  void malformed(Malformed m);

  /** A record that carries no flow (a NetFlow template, a continuing NSG tuple). */
  void skipped();
}
