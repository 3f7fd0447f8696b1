package org.trademap.server.kyc.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Submission;

/**
 * The business relationship of each account: started by the submission of its KYC file, ended by
 * the person (table {@code kyc_relationship_end}, migration V7). Its end starts the AMLA retention
 * period that holds an erasure back ({@link RetentionPolicy}).
 */
@Service
public final class Relationships {
  private static final Logger log = LoggerFactory.getLogger(Relationships.class);

  private final RightsRepository repository;
  private final KycFiles files;
  private final Clock clock;

  Relationships(DataSource dataSource, KycFiles files, ObjectProvider<Clock> clock) {
    this.repository = new RightsRepository(dataSource);
    this.files = files;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The account's relationship: when it started and ended, if it did. */
  public Relationship of(UUID accountId) {
    Instant started = files.submission(accountId).map(Submission::submittedAt).orElse(null);
    return new Relationship(started, repository.relationshipEnded(accountId).orElse(null));
  }

  /**
   * Ends the account's relationship now, unless it ended before (then nothing changes).
   *
   * @return {@link EndResult.Ended}, or {@link EndResult.NotStarted} if the file was never
   *     submitted
   */
  public EndResult end(UUID accountId) {
    Optional<Submission> submission = files.submission(accountId);
    if (submission.isEmpty()) {
      return new EndResult.NotStarted();
    }
    boolean now = repository.insertRelationshipEnd(accountId, clock.instant());
    if (now) {
      log.info("account {} ended its business relationship", accountId);
    }
    Relationship ended = of(accountId);
    Objects.requireNonNull(ended.endedAt(), "the end was just recorded");
    return new EndResult.Ended(ended, now);
  }

  /** Whether the account's data may be erased now under the AMLA rule. */
  public ErasureDecision erasureDecision(UUID accountId) {
    return of(accountId).erasure(RetentionPolicy.amla(), clock.instant());
  }
}
