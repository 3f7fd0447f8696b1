package org.trademap.ledger.api.contract;

import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;

/**
 * The conventional argument encoding for contracts: a count followed by length-prefixed byte
 * strings. Contracts read positional fields with {@link #decode(byte[], int)}.
 */
public final class Args {
  public static final int MAX_FIELDS = 32;

  private Args() {}

  public static byte[] encode(byte[]... fields) {
    CanonicalWriter w = new CanonicalWriter();
    w.i32(fields.length);
    for (byte[] f : fields) {
      w.bytes(f);
    }
    return w.toByteArray();
  }

  public static byte[] encode(List<byte[]> fields) {
    return encode(fields.toArray(new byte[0][]));
  }

  /**
   * Decodes exactly {@code expected} fields.
   *
   * @throws EncodingException if the bytes hold another number of fields or are not canonical
   */
  public static List<byte[]> decode(byte[] args, int expected) {
    CanonicalReader r = new CanonicalReader(args);
    int n = r.count(MAX_FIELDS, "arguments");
    if (n != expected) {
      throw new EncodingException("expected " + expected + " arguments, got " + n);
    }
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(r.bytes("argument " + i));
    }
    r.end();
    return out;
  }
}
