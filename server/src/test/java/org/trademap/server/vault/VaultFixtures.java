package org.trademap.server.vault;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Vault configurations for tests. */
final class VaultFixtures {
  private VaultFixtures() {}

  static VaultProperties properties(VaultProperties.KeySource source, @Nullable Path keystore) {
    return new VaultProperties(
        source,
        new VaultProperties.Keystore(
            keystore,
            "TRADEMAP_VAULT_KEYSTORE_PASSWORD",
            "trademap-vault-kek",
            "trademap-vault-pepper"),
        new VaultProperties.Environment("TRADEMAP_VAULT_KEK", "TRADEMAP_VAULT_PEPPER"));
  }

  /** The embedded default: keys generated under the data directory. */
  static VaultProperties generated() {
    return properties(VaultProperties.KeySource.GENERATED, null);
  }
}
