package org.trademap.server.sharing.ownchecks;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.trademap.server.sharing.ownchecks.OwnChecksRepository.CheckRow;
import org.trademap.server.sharing.ownchecks.OwnChecksRepository.Kind;

/**
 * The rule a company's approval follows (issue 6 step 4): both own checks recorded, the screening
 * against the current version of the company's list, and neither blocking (an ASF hit not cleared
 * as a false positive, or "not suitable"). Rejecting is always allowed.
 */
@Component
public class ApprovalRule {
  static final String INCOMPLETE = "sharing.own-checks-incomplete";
  static final String BLOCK = "sharing.own-checks-block";

  private final OwnChecksRepository repository;

  ApprovalRule(DataSource dataSource) {
    this.repository = new OwnChecksRepository(dataSource);
  }

  /**
   * Why the company may not approve the application yet, if so: {@code sharing.own-checks-block} if
   * a recorded check blocks, else {@code sharing.own-checks-incomplete} if a check is missing or
   * the screening was against an earlier version of the company's list.
   */
  public Optional<String> refusal(UUID applicationId, String companyId) {
    return Optional.ofNullable(refusal(repository.checks(applicationId), companyId));
  }

  @Nullable String refusal(List<CheckRow> rows, String companyId) {
    if (rows.stream().anyMatch(CheckRow::blocking)) {
      return BLOCK;
    }
    long current = currentVersion(companyId);
    boolean screened =
        rows.stream()
            .anyMatch(
                r -> r.kind() == Kind.ASF && r.listVersion() != null && r.listVersion() == current);
    boolean assessed = rows.stream().anyMatch(r -> r.kind() == Kind.SUITABILITY);
    return screened && assessed ? null : INCOMPLETE;
  }

  long currentVersion(String companyId) {
    return repository.list(companyId).map(OwnChecksRepository.ListRow::version).orElse(0L);
  }
}
