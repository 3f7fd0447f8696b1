package org.trademap.ledger.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.crypto.TlsCertificate;

/** Six self-signed P-256 certificates ({@code CN=org-1} … {@code org-6}) from test resources. */
public final class TestCertificates {
  public static final List<TlsCertificate> ALL = load();

  private TestCertificates() {}

  /** Certificate {@code i}, 1 to 6. */
  public static TlsCertificate of(int i) {
    return ALL.get(i - 1);
  }

  private static List<TlsCertificate> load() {
    List<TlsCertificate> certs = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      try (InputStream in = TestCertificates.class.getResourceAsStream("/tls/org-" + i + ".der")) {
        if (in == null) {
          throw new IllegalStateException("missing test certificate org-" + i);
        }
        certs.add(TlsCertificate.ofDer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(certs);
  }
}
