package org.trademap.server.vault;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the vault's key-encryption key (KEK) and commitment pepper come from ({@code
 * trademap.vault.*}). Secrets are never properties: configuration names a file or an environment
 * variable that holds them.
 *
 * @param keySource {@code generated} (default, for the embedded mode), {@code keystore} or {@code
 *     environment}
 * @param keystore used when {@code key-source} is {@code keystore}
 * @param environment used when {@code key-source} is {@code environment}
 */
@ConfigurationProperties(prefix = "trademap.vault")
public record VaultProperties(
    @DefaultValue("generated") KeySource keySource,
    @DefaultValue Keystore keystore,
    @DefaultValue Environment environment) {

  /** Where the keys come from. */
  public enum KeySource {
    /**
     * Files {@code kek} and {@code pepper} under {@code <trademap.data-dir>/vault/}, created with
     * mode 600 on first start (the server logs their path, never the keys) and reused afterwards.
     * For the embedded default; in production keep the KEK away from the data it protects.
     */
    GENERATED,
    /**
     * A PKCS12 keystore file holding both as secret-key entries; its password in the environment.
     */
    KEYSTORE,
    /** Base64 keys in environment variables. */
    ENVIRONMENT
  }

  /**
   * A PKCS12 keystore ({@code trademap.vault.keystore.*}). Create one with {@code keytool
   * -genseckey -storetype PKCS12 -keystore vault.p12 -alias trademap-vault-kek -keyalg AES -keysize
   * 256} and again with {@code -alias trademap-vault-pepper -keyalg HmacSHA256 -keysize 256}.
   *
   * @param path the keystore file; required with {@code key-source: keystore}
   * @param passwordVariable the environment variable holding the keystore (and entry) password;
   *     default {@code TRADEMAP_VAULT_KEYSTORE_PASSWORD}
   * @param kekAlias the AES-256 entry; default {@code trademap-vault-kek}
   * @param pepperAlias the pepper entry (any secret key of at least 32 bytes, e.g. HmacSHA256);
   *     default {@code trademap-vault-pepper}
   */
  public record Keystore(
      @Nullable Path path,
      @DefaultValue("TRADEMAP_VAULT_KEYSTORE_PASSWORD") String passwordVariable,
      @DefaultValue("trademap-vault-kek") String kekAlias,
      @DefaultValue("trademap-vault-pepper") String pepperAlias) {}

  /**
   * Keys in environment variables ({@code trademap.vault.environment.*}), each base64 (standard
   * alphabet); generate one with {@code openssl rand -base64 32}.
   *
   * @param kekVariable holds the 32-byte KEK; default {@code TRADEMAP_VAULT_KEK}
   * @param pepperVariable holds the pepper, at least 32 bytes; default {@code
   *     TRADEMAP_VAULT_PEPPER}
   */
  public record Environment(
      @DefaultValue("TRADEMAP_VAULT_KEK") String kekVariable,
      @DefaultValue("TRADEMAP_VAULT_PEPPER") String pepperVariable) {}
}
