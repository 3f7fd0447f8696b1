package org.trademap.server.vault;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.trademap.server.config.TradeMapProperties;

/**
 * Opens the {@link Vault} once Flyway has migrated the database: loads (or, in the embedded
 * default, creates) the keys and refuses to start if they are missing, unreadable or not the ones
 * that wrapped the stored data keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
class VaultConfiguration {
  private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

  @Bean
  @DependsOnDatabaseInitialization
  Vault vault(
      DataSource dataSource,
      TradeMapProperties application,
      VaultProperties properties,
      ObjectProvider<Clock> clock) {
    SecureRandom random = new SecureRandom();
    VaultKeys keys =
        new VaultKeyLoader(properties, application.dataDir(), System::getenv, random)
            .load(() -> Vault.holdsWrappedKeys(dataSource));
    Vault vault = Vault.open(dataSource, keys, clock.getIfAvailable(Clock::systemUTC), random);
    log.info(
        "Personal-data vault open: key-encryption key {} from {}",
        vault.kekId(),
        properties.keySource().name().toLowerCase(Locale.ROOT));
    return vault;
  }
}
