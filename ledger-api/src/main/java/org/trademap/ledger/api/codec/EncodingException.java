package org.trademap.ledger.api.codec;

/** Bytes that are not the canonical encoding of the expected value. */
public final class EncodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EncodingException(String message) {
    super(message);
  }
}
