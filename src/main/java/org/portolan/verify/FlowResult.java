package org.portolan.verify;

/**
 * The verdict for one required flow, with the path (chain or ACL) it was evaluated on.
 * {@code name} labels the piece that was evaluated ("name [eth2>eth1]" when the flow crosses the
 * firewall at several places); {@code flow} is the plan flow it belongs to, which reports fold
 * results onto; {@code where} is where it crosses ("eth2>eth1", "zcm1 in"; "" when not known).
 */
public record FlowResult(String name, String flow, String where, String src, String dst, String proto, String ports, String path, Verdict verdict) {}
