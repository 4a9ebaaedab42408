package org.portolan.change;

import org.portolan.ingest.acl.LineSource;

/** A flow whose change is not written, because the right position cannot be found safely: why, and the line it rests on. */
public record Refusal(String flow, String reason, LineSource line) {}
