package org.trademap.ledger.core.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.trademap.ledger.api.crypto.TlsCertificate;

/**
 * Mutual TLS for Ratis' gRPC transport: the node presents its certificate as server and as client,
 * and accepts only members' certificates ({@link PinnedTrustManager}), for the server, the clients
 * and the admin service alike.
 */
public final class RaftTls {
  private RaftTls() {}

  /** Ratis parameters that turn on mutual TLS with this identity and these trusted certificates. */
  public static Parameters parameters(
      TlsIdentity identity, Supplier<Set<TlsCertificate>> trusted, Clock clock) {
    GrpcTlsConfig tls =
        new GrpcTlsConfig(keyManager(identity), new PinnedTrustManager(trusted, clock), true);
    Parameters p = new Parameters();
    GrpcConfigKeys.TLS.setConf(p, tls);
    GrpcConfigKeys.Server.setTlsConf(p, tls);
    GrpcConfigKeys.Client.setTlsConf(p, tls);
    GrpcConfigKeys.Admin.setTlsConf(p, tls);
    return p;
  }

  private static KeyManager keyManager(TlsIdentity identity) {
    try {
      char[] password = new char[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, password);
      ks.setKeyEntry(
          "node",
          identity.privateKey(),
          password,
          new Certificate[] {identity.certificate().x509()});
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(ks, password);
      return f.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load the node's TLS key", e);
    }
  }
}
