package org.trademap.server.kyc;

import java.util.Optional;
import java.util.UUID;

/**
 * A sentence with a link that another part of the server shows on My Page ({@code /me}), e.g. that
 * a residence letter is on its way and where to enter its code. Spring beans implementing it are
 * asked in their order on every view of My Page, so they should be quick.
 */
public interface MyPageNotice {

  /** The notice for the account, if it has one now. */
  Optional<Notice> notice(UUID accountId);

  /**
   * A notice.
   *
   * @param messageKey the sentence's key in the messages
   * @param linkKey the link text's key in the messages
   * @param link the page it links to, e.g. {@code /me/residence}
   */
  record Notice(String messageKey, String linkKey, String link) {}
}
