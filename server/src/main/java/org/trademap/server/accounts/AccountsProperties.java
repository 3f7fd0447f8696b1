package org.trademap.server.accounts;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.accounts.*} properties.
 *
 * @param linkBase where people reach this server: emailed links start with it, e.g. {@code
 *     <linkBase>/verify-email?token=…}; default {@code http://localhost:8080}, the embedded default
 *     of {@code bin/trademap start}. It is configured, never taken from the request's {@code Host}
 *     header, so nobody can make the server mail a link to their own host.
 */
@ConfigurationProperties("trademap.accounts")
public record AccountsProperties(@DefaultValue("http://localhost:8080") URI linkBase) {
  public AccountsProperties {
    String scheme = linkBase.getScheme();
    if (!("https".equals(scheme) || "http".equals(scheme))
        || linkBase.getHost() == null
        || linkBase.getQuery() != null
        || linkBase.getFragment() != null) {
      throw new IllegalArgumentException(
          "trademap.accounts.link-base must be an http(s) URL without query or fragment");
    }
  }

  /** The link that opens {@code path} (starting with {@code /}) on this server. */
  String link(String path) {
    String base = linkBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + path;
  }
}
