package org.trademap.ledger.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.api.crypto.TlsCertificate;

/**
 * Trusts exactly the certificates of the consortium's members, whichever side of the connection it
 * is on: the peer's certificate must be byte for byte one the genesis document lists, and within
 * its validity. There is no certificate authority and no host name check: a node is who its pinned
 * certificate says, wherever it is reached.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(PinnedTrustManager.class);

  private static final long LOG_EVERY_MILLIS = 60_000;

  private final Supplier<Set<TlsCertificate>> trusted;
  private final Clock clock;
  private final Map<TlsCertificate, Long> lastLogged = new ConcurrentHashMap<>();

  /**
   * @param trusted the member certificates, asked on every handshake (so membership changes apply
   *     to new connections)
   * @param clock for the validity check
   */
  public PinnedTrustManager(Supplier<Set<TlsCertificate>> trusted, Clock clock) {
    this.trusted = trusted;
    this.clock = clock;
  }

  private void check(X509Certificate[] chain, String side) throws CertificateException {
    if (chain.length == 0) {
      throw new CertificateException("the " + side + " presented no certificate");
    }
    TlsCertificate presented;
    try {
      presented = TlsCertificate.ofDer(chain[0].getEncoded());
    } catch (IllegalArgumentException e) {
      throw new CertificateException("the " + side + " certificate cannot be read", e);
    }
    if (!trusted.get().contains(presented)) {
      long now = clock.millis();
      Long last = lastLogged.get(presented);
      if (last == null || now - last >= LOG_EVERY_MILLIS) {
        // once a minute per certificate: a refused peer retries many times a second
        lastLogged.put(presented, now);
        LOG.warn(
            "refused a TLS {}: certificate {} (sha256 {}) is not a member's",
            side,
            presented.subject(),
            presented.fingerprint());
      }
      throw new CertificateException(
          "the " + side + " certificate " + presented.subject() + " is not a consortium member's");
    }
    chain[0].checkValidity(Date.from(clock.instant()));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, "server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, "client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, "server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trusted.get().stream().map(TlsCertificate::x509).toArray(X509Certificate[]::new);
  }
}
