package org.portolan.verify;

import org.portolan.ingest.acl.LineSource;
import org.portolan.ingest.acl.Space;

/** Part of a header space and what the ruleset decides for it, by which line. */
record Decision(Space space, boolean accept, LineSource rule) {}
