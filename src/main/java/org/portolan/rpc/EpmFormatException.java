package org.portolan.rpc;

import java.io.IOException;

/** An endpoint-mapper PDU or stub that is not what DCE/RPC says it should be. */
public final class EpmFormatException extends IOException {
  public EpmFormatException(String message) {
    super(message);
  }
}
