package org.trademap.ledger.core.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.node.NodeFiles;
import org.trademap.ledger.core.tls.TlsIdentity;

/** {@code keys generate}: a node's signing key and its TLS key and certificate. */
final class KeysCommand {
  private KeysCommand() {}

  static int generate(String[] args, PrintStream out, PrintStream err) {
    Options o;
    String org;
    try {
      o = Options.parse(args, Set.of("out", "org", "host"), Set.of("host"));
      org = o.get("org", "node");
      Transaction.checkName(org, "--org");
    } catch (IllegalArgumentException e) {
      err.println("keys generate: " + e.getMessage());
      err.println(LedgerCli.KEYS_USAGE);
      return LedgerCli.USAGE;
    }
    List<String> hosts =
        o.all("host").isEmpty() ? List.of("127.0.0.1", "localhost") : o.all("host");
    Path key = Path.of(o.get("out", NodeFiles.KEY_FILE)).toAbsolutePath();
    Path dir = java.util.Objects.requireNonNull(key.getParent(), "an absolute path has a parent");
    Path cert = dir.resolve(NodeFiles.TLS_CERTIFICATE_FILE);
    Path tlsKey = dir.resolve(NodeFiles.TLS_KEY_FILE);
    for (Path p : List.of(key, cert, tlsKey)) {
      if (Files.exists(p)) {
        err.println("refusing to overwrite " + p);
        return LedgerCli.CANNOT_CHECK;
      }
    }
    try {
      KeyPair signing = NodeFiles.writeNewKey(key);
      TlsIdentity tls = TlsIdentity.generate(org, hosts, Instant.now(), new SecureRandom());
      tls.write(cert, tlsKey);
      out.println("public key: " + signing.publicKey().base64());
      out.println("private key written to " + key + " (mode 600)");
      out.println(
          "TLS certificate for "
              + tls.certificate().subject()
              + " (sha256 "
              + tls.certificate().fingerprint().hex()
              + ") written to "
              + cert);
      out.println("TLS private key written to " + tlsKey + " (mode 600)");
      return LedgerCli.OK;
    } catch (RuntimeException e) {
      err.println("cannot write the keys next to " + key + ": " + LedgerCli.rootMessage(e));
      return LedgerCli.CANNOT_CHECK;
    }
  }
}
