package org.portolan.verify;

/** The verdict for one required flow, with the path (chain or ACL) it was evaluated on. */
public record FlowResult(String name, String src, String dst, String proto, String ports, String path, Verdict verdict) {}
