/**
 * Outgoing mail: the {@link org.trademap.server.mail.Mailer} façade sends one {@link
 * org.trademap.server.mail.OutgoingMail} (text, optionally HTML) over SMTP through Spring's {@code
 * JavaMailSender}, or renders it from Thymeleaf templates under {@code templates/mail/}. It refuses
 * header injection, validates addresses strictly, rate-limits per recipient and overall (answering
 * {@link org.trademap.server.mail.SendResult.RateLimited} instead of throwing), and logs only
 * message ids and keyed hashes of recipients.
 *
 * <p>In the embedded default ({@code trademap.mail.embedded=true}) an in-process SMTP server bound
 * to 127.0.0.1 receives every mail; the dev inbox at {@code /dev/inbox} and {@code GET
 * /api/v1/dev/mailbox?to=} show what it received. Neither exists when mail goes to a real SMTP
 * server ({@code trademap.mail.embedded=false} with {@code spring.mail.*}).
 */
@NullMarked
package org.trademap.server.mail;

import org.jspecify.annotations.NullMarked;
