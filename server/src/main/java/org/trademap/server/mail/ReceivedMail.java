package org.trademap.server.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mail the embedded SMTP server received, as the dev inbox and {@code GET /api/v1/dev/mailbox}
 * show it.
 *
 * @param id stable id of this copy (one per recipient) for {@code /dev/inbox/{id}}
 * @param to the envelope recipient whose mailbox holds the copy
 * @param from the {@code From} header
 * @param subject the decoded subject
 * @param receivedAt when the embedded server received it
 * @param text the plain-text body (empty if there is none)
 * @param html the HTML body, or {@code null}
 */
record ReceivedMail(
    String id,
    String to,
    String from,
    String subject,
    Instant receivedAt,
    String text,
    @Nullable String html) {}
