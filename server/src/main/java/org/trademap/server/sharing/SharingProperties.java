package org.trademap.server.sharing;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code trademap.sharing.*} properties.
 *
 * @param companies the securities companies that take part; each gets an HPKE key pair on first
 *     start. The embedded default ({@code application.yml}) lists two demo companies; a deployment
 *     lists its own. Default: none.
 */
@ConfigurationProperties("trademap.sharing")
public record SharingProperties(@Nullable List<CompanyConfig> companies) {
  /** The form of a company id. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** Copies the list; none means an empty list. */
  public SharingProperties {
    companies = companies == null ? List.of() : List.copyOf(companies);
    if (companies.stream().map(CompanyConfig::id).distinct().count() != companies.size()) {
      throw new IllegalArgumentException("trademap.sharing.companies has an id twice");
    }
  }

  @Override
  public List<CompanyConfig> companies() {
    return companies == null ? List.of() : companies;
  }

  /**
   * One securities company.
   *
   * @param id its stable id, 1–64 characters of {@code [a-z0-9-]} (never shown on the ledger)
   * @param name its name as users see it
   */
  public record CompanyConfig(String id, String name) {
    /** Validates the id and the name. */
    public CompanyConfig {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a company id is 1 to 64 characters of [a-z0-9-]");
      }
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("a company name is 1 to 200 characters");
      }
    }
  }
}
