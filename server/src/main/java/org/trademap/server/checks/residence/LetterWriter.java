package org.trademap.server.checks.residence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.AccountsProperties;
import org.trademap.server.checks.residence.Recipients.Recipient;
import org.trademap.server.onboarding.Address;

/**
 * Writes a residence letter: its text from the messages ({@code residence.letter.*}) in the
 * letter's language, laid out as PDF by {@link LetterPdf}. The letter tells the subject where to
 * enter the code ({@code <link-base>/me/residence}), until when, and how many wrong entries lock
 * it.
 */
@Component
final class LetterWriter {
  /** The page where the subject enters the code. */
  static final String PAGE = "/me/residence";

  private final MessageSource messages;
  private final String pageLink;
  private final int maxFailures;
  private final LetterPdf pdf;

  @Autowired
  LetterWriter(
      MessageSource messages, AccountsProperties accounts, ResidenceProperties properties) {
    this(messages, accounts.linkBase().toString(), properties, new LetterPdf(properties.fonts()));
  }

  /** For tests: letters that link to {@code linkBase}, set with this layout. */
  LetterWriter(
      MessageSource messages, String linkBase, ResidenceProperties properties, LetterPdf pdf) {
    this.messages = messages;
    this.pageLink = linkBase.replaceAll("/+$", "") + PAGE;
    this.maxFailures = properties.maxFailuresPerLetter();
    this.pdf = pdf;
  }

  /**
   * The letter as PDF, and how many characters of the address no font had.
   *
   * @param letterId the letter's id, printed as its reference
   * @param language {@code en} or {@code de}
   * @param createdAt the letter's date
   * @param expiresAt the code's expiry: the start of the day after the last day printed
   */
  LetterPdf.Rendered write(
      UUID letterId,
      String language,
      Instant createdAt,
      Instant expiresAt,
      Recipient recipient,
      ConfirmationCode code) {
    Locale locale = Locale.forLanguageTag(language);
    DateTimeFormatter dates = DateTimeFormatter.ofPattern(text("date-pattern", locale), locale);
    LocalDate written = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
    LocalDate lastDay = LocalDate.ofInstant(expiresAt.minusSeconds(1), ZoneOffset.UTC);
    List<String> address = new ArrayList<>(recipient.names());
    address.addAll(lines(recipient.address(), locale));
    LetterContent content =
        new LetterContent(
            text("sender", locale),
            text("endorsement", locale),
            address,
            List.of(text("date", locale, dates.format(written))),
            text("subject", locale),
            List.of(text("greeting", locale), text("why", locale), text("how", locale, pageLink)),
            text("code", locale),
            code.grouped(),
            List.of(
                text("expiry", locale, dates.format(lastDay), maxFailures),
                text("not-you", locale)),
            text("closing", locale),
            text("reference", locale, letterId.toString()));
    return pdf.render(content);
  }

  /** Street, postal code and town, and the country's name in capitals, as on an envelope. */
  static List<String> lines(Address address, Locale locale) {
    String town = (address.postalCode() + " " + address.town()).strip();
    String country = Locale.of("", address.country()).getDisplayCountry(locale).toUpperCase(locale);
    return List.of(address.street(), town, country);
  }

  private String text(String key, Locale locale, Object... arguments) {
    return messages.getMessage("residence.letter." + key, arguments, locale);
  }
}
