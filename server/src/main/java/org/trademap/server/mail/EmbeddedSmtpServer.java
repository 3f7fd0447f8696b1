package org.trademap.server.mail;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server inside this process (GreenMail), listening on 127.0.0.1 only, that accepts every
 * mail for any recipient and keeps it in memory until the process ends.
 */
final class EmbeddedSmtpServer {
  static final String BIND_ADDRESS = "127.0.0.1";

  private final GreenMail greenMail;

  private EmbeddedSmtpServer(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts a server on the loopback port ({@code 0}: any free port). */
  static EmbeddedSmtpServer start(int port) {
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return new EmbeddedSmtpServer(greenMail);
  }

  /** The port it listens on. */
  int port() {
    return greenMail.getSmtp().getPort();
  }

  boolean isRunning() {
    return greenMail.isRunning();
  }

  void stop() {
    greenMail.stop();
  }

  /**
   * Every received mail, newest first. GreenMail's inbox list is not safe to read while a mail is
   * being delivered, so a read that collides with a delivery is simply done again.
   */
  List<ReceivedMail> messages() {
    for (int attempt = 1; ; attempt++) {
      try {
        return readAll();
      } catch (java.util.ConcurrentModificationException e) {
        if (attempt == 5) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  private List<ReceivedMail> readAll() {
    List<ReceivedMail> all = new ArrayList<>();
    UserManager users = greenMail.getUserManager();
    for (GreenMailUser user : users.listUser()) {
      List<StoredMessage> stored;
      try {
        stored = users.getImapHostManager().getInbox(user).getMessages();
      } catch (FolderException e) {
        throw new IllegalStateException("the embedded SMTP server's store failed", e);
      }
      for (StoredMessage message : stored) {
        all.add(read(user.getEmail(), message));
      }
    }
    all.sort(
        Comparator.comparing(ReceivedMail::receivedAt).thenComparing(ReceivedMail::id).reversed());
    return all;
  }

  /** The mails whose envelope recipient is this address (compared without case), newest first. */
  List<ReceivedMail> messagesTo(String address) {
    return messages().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
  }

  /** The mail with this id. */
  Optional<ReceivedMail> message(String id) {
    return messages().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private static ReceivedMail read(String recipient, StoredMessage stored) {
    MimeMessage message = stored.getMimeMessage();
    try {
      Bodies bodies = new Bodies();
      bodies.collect(message);
      Date received = stored.getReceivedDate();
      String subject = message.getSubject();
      return new ReceivedMail(
          id(recipient, stored.getUid()),
          recipient,
          from(message.getFrom()),
          subject != null ? subject : "",
          received != null ? received.toInstant() : Instant.EPOCH,
          bodies.text != null ? bodies.text : "",
          bodies.html);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("a received mail could not be read", e);
    }
  }

  private static String from(Address @Nullable [] from) {
    if (from == null || from.length == 0) {
      return "";
    }
    return from[0] instanceof InternetAddress address
        ? address.toUnicodeString()
        : from[0].toString();
  }

  /** The copy in this mailbox: the recipient and its mailbox's message uid, hashed to hex. */
  private static String id(String recipient, long uid) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (recipient.toLowerCase(Locale.ROOT) + "\n" + uid)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The first text/plain and text/html parts that are not attachments. */
  private static final class Bodies {
    @Nullable String text;
    @Nullable String html;

    void collect(Part part) throws MessagingException, IOException {
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return;
      }
      if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          collect(multipart.getBodyPart(i));
        }
      } else if (part.isMimeType("text/plain") && text == null) {
        text = part.getContent() instanceof String s ? s : null;
      } else if (part.isMimeType("text/html") && html == null) {
        html = part.getContent() instanceof String s ? s : null;
      }
    }
  }
}
