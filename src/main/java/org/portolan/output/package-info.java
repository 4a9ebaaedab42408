/**
 * Text and files shared by every stage, below them all (it imports no Portolan package):
 * {@link org.portolan.output.TextTable} and {@link org.portolan.output.FixedColumns} for
 * terminal tables, {@link org.portolan.output.Escape} for HTML and XML text,
 * {@link org.portolan.output.JunitXml} for CI dashboards, {@link org.portolan.output.Csv}
 * for spreadsheet-safe CSV cells, and {@link org.portolan.output.OutputFile} /
 * {@link org.portolan.output.OutputDirectory} for writing files atomically, only when
 * changed, never through a symbolic link.
 */
package org.portolan.output;
