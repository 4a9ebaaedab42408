/**
 * The Windows RPC endpoint mapper (DCE/RPC over TCP 135), written once for every stage:
 * {@link org.portolan.rpc.Epm} (interface UUIDs, opnums, PDU types, the DCE UUID byte
 * order), {@link org.portolan.rpc.EpmDecoder} ({@code ept_lookup} and {@code ept_map}
 * responses in NDR and the protocol towers inside them), {@link org.portolan.rpc.EpmEndpoint}
 * (one endpoint a mapper hands out) and {@link org.portolan.rpc.EndpointMapper} (the client
 * {@code probe} uses and the small mapper {@code listen} serves). {@code capture} decodes the
 * answers it sees in a trace with the same decoder.
 *
 * <p>Hand-written on purpose: no maintained Java library implements DCE/RPC. The wire format
 * is from the Open Group DCE 1.1 RPC specification (C706, chapters 12 and 14, appendix L
 * for towers) and MS-RPCE 2.2.1 for the protocol identifiers. Every read is bounds-checked;
 * a malformed answer is an {@link org.portolan.rpc.EpmFormatException}, never a hang or an
 * allocation the size of a declared length.
 */
package org.portolan.rpc;
