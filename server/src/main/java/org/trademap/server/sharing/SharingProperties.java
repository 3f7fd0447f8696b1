package org.trademap.server.sharing;

import java.net.URI;
import java.time.Duration;
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
 * @param role which side of account opening this server runs (ADR 0035): {@code consortium} (the
 *     default) assembles, seals and shares packages and hosts the companies that have no server of
 *     their own; {@code company} is one securities company's own server on that company's node
 * @param company with role {@code company}: which company this server is and where its consortium
 *     is; ignored with role {@code consortium}
 */
@ConfigurationProperties("trademap.sharing")
public record SharingProperties(
    @Nullable List<CompanyConfig> companies,
    @Nullable TrustModel trustModel,
    @Nullable Role role,
    @Nullable CompanyServer company) {
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

  /** The setting {@code trademap.sharing.role}. */
  public enum Role {
    /** The consortium's server: applications, packages, the relay for companies' own servers. */
    CONSORTIUM,
    /** One securities company's own server on its own node. */
    COMPANY
  }

  /**
   * Copies the list; none means an empty list; no trust model means {@code auto}, no role {@code
   * consortium}. With role {@code company} the company must be one of the listed companies and the
   * consortium's address must be given.
   */
  public SharingProperties {
    trustModel = trustModel == null ? TrustModel.AUTO : trustModel;
    role = role == null ? Role.CONSORTIUM : role;
    companies = companies == null ? List.of() : List.copyOf(companies);
    if (companies.stream().map(CompanyConfig::id).distinct().count() != companies.size()) {
      throw new IllegalArgumentException("trademap.sharing.companies has an id twice");
    }
    if (role == Role.COMPANY) {
      if (company == null) {
        throw new IllegalArgumentException(
            "trademap.sharing.role=company needs trademap.sharing.company.id and .consortium-url");
      }
      String id = company.id();
      if (companies.stream().noneMatch(c -> c.id().equals(id))) {
        throw new IllegalArgumentException(
            "trademap.sharing.company.id " + id + " is not in trademap.sharing.companies");
      }
    }
  }

  /** The role; {@code consortium} when none was given. */
  @Override
  public Role role() {
    return role == null ? Role.CONSORTIUM : role;
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
   * @param ownServer whether the company runs its own server on its own node (ADR 0035): then the
   *     consortium's server makes no key pair for it, but takes the public key the company's server
   *     registers through the relay, and the company's staff work on the company's server; default
   *     false (the consortium's server hosts the company, as in the embedded default)
   */
  public record CompanyConfig(
      String id, String name, @Nullable String ledgerMember, boolean ownServer) {
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

  /**
   * The company a server of role {@code company} is.
   *
   * @param id the company's id (one of {@code trademap.sharing.companies})
   * @param consortiumUrl the consortium server's base address, e.g. {@code https://consortium:8080}
   * @param pollInterval how often the server asks the consortium's relay for new packages and
   *     reports its decisions; default 2 seconds
   */
  public record CompanyServer(String id, URI consortiumUrl, @Nullable Duration pollInterval) {
    /** Validates the id and the address; no interval means 2 seconds. */
    public CompanyServer {
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("trademap.sharing.company.id: 1 to 64 of [a-z0-9-]");
      }
      if (consortiumUrl.getScheme() == null
          || !(consortiumUrl.getScheme().equals("http")
              || consortiumUrl.getScheme().equals("https"))
          || consortiumUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "trademap.sharing.company.consortium-url must be an http(s) address");
      }
      pollInterval =
          pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()
              ? Duration.ofSeconds(2)
              : pollInterval;
    }

    /** The poll interval; 2 seconds when none was given. */
    @Override
    public Duration pollInterval() {
      return pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }
  }

  /** A member id short enough that {@code rel-<id>} is a channel name (64 characters at most). */
  private static final Pattern MEMBER = Pattern.compile("[a-z0-9._-]{1,60}");
}
