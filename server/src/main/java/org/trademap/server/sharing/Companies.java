package org.trademap.server.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.trademap.server.accounts.StaffAccounts;
import org.trademap.server.identity.Role;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The securities companies and their staff. Each company configured in {@code
 * trademap.sharing.companies} gets an X25519 key pair the first time it is needed: the public key
 * is stored in clear, the private key sealed by the vault under a subject of its own. On the
 * single-node default the server so holds every company's private key; in a consortium deployment
 * it lives on the company's own node (ADR 0023).
 *
 * <p>A company staff account ({@link Role#COMPANY_REVIEWER}, {@link Role#COMPANY_APPROVER}) is an
 * ordinary invited staff account ({@link StaffAccounts}: password and TOTP) bound here to exactly
 * one company.
 */
@Service
public final class Companies {
  static final String KEY_PURPOSE = "sharing.company-key";
  private static final Logger log = LoggerFactory.getLogger(Companies.class);

  /** What became of inviting a company staff member. */
  public sealed interface StaffInvitation {}

  /**
   * Invited and bound to the company.
   *
   * @param accountId the new account
   */
  public record Invited(UUID accountId) implements StaffInvitation {}

  /**
   * Refused; nothing was made.
   *
   * @param code {@code sharing.unknown-company}, {@code sharing.not-a-company-role}, or the staff
   *     invitation's refusal ({@code staff.invalid}, {@code staff.address-taken})
   */
  public record Refused(String code) implements StaffInvitation {}

  private final SharingRepository repository;
  private final SharingProperties properties;
  private final Vault vault;
  private final StaffAccounts staff;
  private final Clock clock;
  private volatile boolean ready;

  Companies(
      DataSource dataSource,
      SharingProperties properties,
      Vault vault,
      StaffAccounts staff,
      ObjectProvider<Clock> clock) {
    this.repository = new SharingRepository(dataSource);
    this.properties = properties;
    this.vault = vault;
    this.staff = staff;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Every company, by id. */
  public List<Company> all() {
    ensureKeys();
    return repository.companies().stream().map(Companies::company).toList();
  }

  /** The company with this id. */
  public Optional<Company> find(@Nullable String id) {
    if (id == null || !SharingProperties.ID.matcher(id).matches()) {
      return Optional.empty();
    }
    ensureKeys();
    return repository.company(id).map(Companies::company);
  }

  /** The company the staff account acts for, if it is bound to one. */
  public Optional<String> companyOf(UUID accountId) {
    return repository.companyOfStaff(accountId);
  }

  /**
   * Invites a company staff member (mail with the invitation link, accepted with password and TOTP
   * like every staff account) and binds the account to the company.
   *
   * @param invitedBy the administrator, or null for the server itself (demo seeding)
   * @param role {@code company-reviewer} or {@code company-approver}
   */
  public StaffInvitation invite(
      @Nullable UUID invitedBy,
      String companyId,
      @Nullable String email,
      @Nullable String role,
      Locale locale) {
    if (find(companyId).isEmpty()) {
      return new Refused("sharing.unknown-company");
    }
    Optional<Role> staffRole = StaffAccounts.roleOf(role);
    if (staffRole.isEmpty()
        || (staffRole.get() != Role.COMPANY_REVIEWER && staffRole.get() != Role.COMPANY_APPROVER)) {
      return new Refused("sharing.not-a-company-role");
    }
    return switch (staff.invite(invitedBy, email, role, locale)) {
      case StaffAccounts.Invited invited -> {
        repository.bindStaff(invited.accountId(), companyId);
        log.info("company staff account {} bound to company {}", invited.accountId(), companyId);
        yield new Invited(invited.accountId());
      }
      case StaffAccounts.InvitationInvalid invalid -> new Refused("staff.invalid");
      case StaffAccounts.AddressTaken taken -> new Refused("staff.address-taken");
    };
  }

  /** The company's key pair, its private key unsealed by the vault. */
  Hpke.Keys keys(String companyId) {
    SharingRepository.CompanyRow row = ownRow(companyId);
    byte[] sealed = row.privateKeySealed();
    UUID subject = row.keySubject();
    if (sealed == null || subject == null) {
      throw new IllegalStateException("company " + companyId + ": its private key is not here");
    }
    return switch (vault.decrypt(new SubjectId(subject), KEY_PURPOSE, sealed)) {
      case Decrypted.Plaintext p -> new Hpke.Keys(row.publicKey(), p.bytes());
      default -> throw new IllegalStateException("company " + companyId + ": key unreadable");
    };
  }

  /**
   * Whether this server holds the company's private key: it hosts the company, or it is the
   * company's own server. False for a company with its own server, seen from the consortium.
   */
  boolean holdsKey(String companyId) {
    ensureKeys();
    return repository.company(companyId).map(r -> r.privateKeySealed() != null).orElse(false);
  }

  /** Seals data of the company (a decision's reason) under the vault subject of its key. */
  byte[] seal(String companyId, String purpose, byte[] plaintext) {
    UUID subject = ownRow(companyId).keySubject();
    if (subject == null) {
      throw new IllegalStateException("company " + companyId + ": not held here");
    }
    return vault.encrypt(new SubjectId(subject), purpose, plaintext);
  }

  /**
   * The vault subject of the company's key, if this server holds it: on a company's own server,
   * what the company keeps about a person it has no vault subject for is sealed under it.
   */
  Optional<SubjectId> keySubject(String companyId) {
    return repository
        .company(companyId)
        .map(SharingRepository.CompanyRow::keySubject)
        .map(SubjectId::new);
  }

  /** Opens what {@link #seal} sealed; empty if it cannot be read. */
  Optional<byte[]> unseal(String companyId, String purpose, byte[] sealed) {
    UUID subject = ownRow(companyId).keySubject();
    return subject != null
            && vault.decrypt(new SubjectId(subject), purpose, sealed)
                instanceof Decrypted.Plaintext p
        ? Optional.of(p.bytes())
        : Optional.empty();
  }

  /**
   * Stores the public key a company's own server registered through the relay (ADR 0035); the
   * company must be configured with {@code own-server: true}.
   */
  void register(SharingProperties.CompanyConfig company, byte[] publicKey) {
    if (!company.ownServer()) {
      throw new IllegalArgumentException(company.id() + " has no server of its own");
    }
    repository.registerCompanyKey(company.id(), company.name(), publicKey, clock.instant());
    log.info("company {}: public key registered by its own server", company.id());
  }

  private SharingRepository.CompanyRow ownRow(String companyId) {
    ensureKeys();
    return repository
        .company(companyId)
        .orElseThrow(() -> new IllegalArgumentException("no company " + companyId));
  }

  /** Makes the key pair of each configured company that has none yet (once per process). */
  private void ensureKeys() {
    if (ready) {
      return;
    }
    synchronized (this) {
      if (ready) {
        return;
      }
      Instant now = clock.instant();
      for (SharingProperties.CompanyConfig config : properties.companies()) {
        if (repository.company(config.id()).isPresent()) {
          repository.renameCompany(config.id(), config.name());
          continue;
        }
        if (config.ownServer() && properties.role() == SharingProperties.Role.CONSORTIUM) {
          continue; // its own server makes its key pair and registers the public key (ADR 0035)
        }
        Hpke.Keys keys = Hpke.generate();
        SubjectId subject = SubjectId.random();
        byte[] sealed = vault.encrypt(subject, KEY_PURPOSE, keys.privateKey());
        if (repository.insertCompanyIfAbsent(
            new SharingRepository.CompanyRow(
                config.id(), config.name(), subject.value(), keys.publicKey(), sealed),
            now)) {
          log.info("company {}: key pair made", config.id());
        }
      }
      ready = true;
    }
  }

  private static Company company(SharingRepository.CompanyRow row) {
    return new Company(row.id(), row.name(), row.publicKey());
  }
}
