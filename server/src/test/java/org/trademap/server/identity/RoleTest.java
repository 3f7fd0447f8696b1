package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void everyRoleOfTheIssueIsInTheModel() {
    assertThat(Role.values())
        .containsExactly(
            Role.USER,
            Role.CONSORTIUM_OPERATOR,
            Role.SUPERVISOR,
            Role.COMPANY_STAFF,
            Role.PLATFORM,
            Role.AUDITOR,
            Role.KYC_OPERATOR,
            Role.KYC_SUPERVISOR,
            Role.ADMINISTRATOR,
            Role.COMPANY_REVIEWER,
            Role.COMPANY_APPROVER);
  }

  @Test
  void onlyUsersMaySignInWithoutASecondFactor() {
    assertThat(Role.USER.requiresSecondFactor()).isFalse();
    assertThat(Arrays.stream(Role.values()).filter(r -> r != Role.USER))
        .allMatch(Role::requiresSecondFactor);
  }

  @Test
  void backOfficeStaffMustSignInWithASecondFactor() {
    assertThat(Role.KYC_OPERATOR.requiresSecondFactor()).isTrue();
    assertThat(Role.KYC_SUPERVISOR.requiresSecondFactor()).isTrue();
    assertThat(Role.ADMINISTRATOR.requiresSecondFactor()).isTrue();
  }

  @Test
  void authoritiesCarryTheRolePrefix() {
    assertThat(Role.COMPANY_STAFF.authority()).isEqualTo("ROLE_COMPANY_STAFF");
    assertThat(Role.KYC_OPERATOR.authority()).isEqualTo("ROLE_KYC_OPERATOR");
    assertThat(Role.KYC_SUPERVISOR.authority()).isEqualTo("ROLE_KYC_SUPERVISOR");
  }
}
