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
 * @param trustModel where the sharing contract's records go (ADR 0034): {@code auto} (the default)
 *     derives it from the node's genesis document — trust model a if it has relationship channels
 *     ({@code rel-*}), else b; {@code a} puts each company's records on {@code rel-<its ledger
 *     member>}; {@code b} puts them on the node's default channel
 */
@ConfigurationProperties("trademap.sharing")
public record SharingProperties(
    @Nullable List<CompanyConfig> companies, @Nullable TrustModel trustModel) {
  /** The form of a company id. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  /** The setting {@code trademap.sharing.trust-model}. */
  public enum TrustModel {
    /** Model a if the genesis document has {@code rel-*} channels, else model b. */
    AUTO,
    /** Each company's applications, packages and decisions on its relationship channel. */
    A,
    /** Everything on the node's default (consortium-wide) channel. */
    B
  }

  /** Copies the list; none means an empty list; no trust model means {@code auto}. */
  public SharingProperties {
    trustModel = trustModel == null ? TrustModel.AUTO : trustModel;
    companies = companies == null ? List.of() : List.copyOf(companies);
    if (companies.stream().map(CompanyConfig::id).distinct().count() != companies.size()) {
      throw new IllegalArgumentException("trademap.sharing.companies has an id twice");
    }
  }

  @Override
  public List<CompanyConfig> companies() {
    return companies == null ? List.of() : companies;
  }

  /** The trust model setting; {@code auto} when none was given. */
  @Override
  public TrustModel trustModel() {
    return trustModel == null ? TrustModel.AUTO : trustModel;
  }

  /**
   * One securities company.
   *
   * @param id its stable id, 1–64 characters of {@code [a-z0-9-]} (never shown on the ledger)
   * @param name its name as users see it
   * @param ledgerMember its organisation's member id in the ledger's genesis document (in trust
   *     model a its relationship channel is {@code rel-<ledgerMember>}); default: the company id
   */
  public record CompanyConfig(String id, String name, @Nullable String ledgerMember) {
    /** Validates the id, the name and the member id. */
    public CompanyConfig {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("a company id is 1 to 64 characters of [a-z0-9-]");
      }
      if (name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("a company name is 1 to 200 characters");
      }
      ledgerMember = ledgerMember == null || ledgerMember.isBlank() ? id : ledgerMember;
      if (!MEMBER.matcher(ledgerMember).matches()) {
        throw new IllegalArgumentException(
            "a company's ledger member is 1 to 60 characters of [a-z0-9._-]");
      }
    }

    /** Its member id in the genesis document. */
    @Override
    public String ledgerMember() {
      return ledgerMember == null ? id : ledgerMember;
    }
  }

  /** A member id short enough that {@code rel-<id>} is a channel name (64 characters at most). */
  private static final Pattern MEMBER = Pattern.compile("[a-z0-9._-]{1,60}");
}
