package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AccountsPropertiesTest {

  @Test
  void buildsLinksOnTheBaseWithoutDoubleSlashes() {
    assertThat(new AccountsProperties(URI.create("https://kyc.example.org/")).link("/verify-email"))
        .isEqualTo("https://kyc.example.org/verify-email");
    assertThat(new AccountsProperties(URI.create("https://example.org/kyc")).link("/x?token=t"))
        .isEqualTo("https://example.org/kyc/x?token=t");
  }

  @Test
  void refusesABaseThatIsNotAPlainHttpUrl() {
    for (String bad :
        new String[] {
          "ftp://example.org", "/relative", "https://example.org/?a=b", "https://e.org#f"
        }) {
      assertThatIllegalArgumentException()
          .as(bad)
          .isThrownBy(() -> new AccountsProperties(URI.create(bad)));
    }
  }
}
