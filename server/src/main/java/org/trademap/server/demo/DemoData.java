package org.trademap.server.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.BeneficialOwnerForm;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;
import org.trademap.server.onboarding.SigningAuthority;

/**
 * The fictitious people and company of the demo. Nobody here is a real person: Anna Maria Eriksson
 * is the specimen of ICAO Doc 9303 (the passport standard), Erika and Max Mustermann are the
 * specimen names of German identity documents, "Musterstrasse" is the German placeholder street,
 * the phone numbers are in the range Ofcom reserves for drama ({@code +44 7700 900xxx}), and the
 * addresses are at {@code example.org} (RFC 2606). The company's UID has a valid check digit.
 */
final class DemoData {
  /** Size of the generated passport page: about the ratio of an ID-3 page, short side over 600. */
  static final int PAGE_WIDTH = 1250;

  static final int PAGE_HEIGHT = 880;

  private DemoData() {}

  /** The person's address at example.org; {@code tag} makes it unique to the data directory. */
  static String personAddress(String tag) {
    return "anna.eriksson.demo-" + tag + "@example.org";
  }

  /** The company's address at example.org; {@code tag} makes it unique to the data directory. */
  static String companyAddress(String tag) {
    return "muster-demo-ag.demo-" + tag + "@example.org";
  }

  /** The person's own data (ICAO specimen), with the account's address. */
  static ProfileForm person(String email) {
    return ProfileForm.person(
        new PersonalForm(
            "Eriksson",
            "Anna Maria",
            "1974-08-12",
            "SE",
            new AddressForm("Musterstrasse 1", "8000", "Zürich", "CH"),
            "Engineer",
            "+44 7700 900123",
            email));
  }

  /** The address of a demo staff member at example.org, e.g. {@code operator}. */
  static String staffAddress(String role, String tag) {
    return "backoffice-" + role + ".demo-" + tag + "@example.org";
  }

  /** The submitting person's address at example.org; {@code tag} makes it unique. */
  static String submittedAddress(String tag) {
    return "max.mustermann.demo-" + tag + "@example.org";
  }

  /** The data of the person whose file is submitted (the German ID card specimen's name). */
  static ProfileForm submittedPerson(String email) {
    return ProfileForm.person(
        new PersonalForm(
            "Mustermann",
            "Max",
            "1977-03-04",
            "DE",
            new AddressForm("Musterstrasse 4", "8000", "Zürich", "CH"),
            "Teacher",
            "+44 7700 900789",
            email));
  }

  /**
   * A person whose case the demo seeding works in the back office, e.g. {@code sophie.beispiel}:
   * the address at example.org; {@code tag} makes it unique.
   */
  static String workedAddress(String name, String tag) {
    return name + ".demo-" + tag + "@example.org";
  }

  /**
   * The data of a person whose case the demo seeding works: placeholder names ("Beispiel",
   * "Exempel" and "Probe" mean "example", "specimen"), a Zürich address on the placeholder street.
   */
  static ProfileForm workedPerson(
      String surname,
      String givenNames,
      String dateOfBirth,
      String nationality,
      String phone,
      String email) {
    return ProfileForm.person(
        new PersonalForm(
            surname,
            givenNames,
            dateOfBirth,
            nationality,
            new AddressForm("Musterstrasse 5", "8000", "Zürich", "CH"),
            "Analyst",
            phone,
            email));
  }

  /**
   * The company's file: its data, the person acting for it (Erika Mustermann) and a Form K
   * declaration with two controlling persons holding 60 % and 40 % of capital and votes.
   */
  static ProfileForm company(String email) {
    AddressForm seat = new AddressForm("Musterstrasse 2", "8000", "Zürich", "CH");
    PersonalForm acting =
        new PersonalForm(
            "Mustermann",
            "Erika",
            "1983-08-12",
            "DE",
            new AddressForm("Musterstrasse 3", "8000", "Zürich", "CH"),
            "Managing director",
            "+44 7700 900456",
            email);
    LegalEntityForm entity =
        new LegalEntityForm(
            "Muster Demo AG", "CHE-123.456.788", seat, SigningAuthority.SOLE_SIGNATURE.name());
    OwnerDeclarationForm owners =
        new OwnerDeclarationForm(
            "K",
            List.of(
                holder("Mustermann", "Erika", "1983-08-12", "60"),
                holder("Mustermann", "Max", "1977-03-04", "40")));
    return new ProfileForm(acting, entity, owners);
  }

  private static BeneficialOwnerForm holder(
      String surname, String givenNames, String dateOfBirth, String percent) {
    return new BeneficialOwnerForm(
        surname,
        givenNames,
        dateOfBirth,
        "DE",
        new AddressForm("Musterstrasse 3", "8000", "Zürich", "CH"),
        "CAPITAL_OR_VOTES",
        percent,
        percent,
        null);
  }

  /**
   * A drawn passport photo page as PNG: a photo frame, lines where the printed fields go and the
   * two lines of the machine-readable zone, all as shapes. Drawing no text keeps it independent of
   * the fonts a machine has, and nobody can take it for a real document.
   */
  static byte[] passportPage() {
    BufferedImage page = new BufferedImage(PAGE_WIDTH, PAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(new Color(0xEEF3F7));
      g.fillRect(0, 0, PAGE_WIDTH, PAGE_HEIGHT);
      g.setColor(new Color(0x1F4E79));
      g.fillRect(0, 0, PAGE_WIDTH, 90);
      // The photo: a frame with a head and shoulders.
      g.setColor(new Color(0xC9D3DD));
      g.fillRect(60, 140, 330, 420);
      g.setColor(new Color(0x8A99A8));
      g.fillOval(150, 200, 150, 190);
      g.fillArc(90, 400, 270, 260, 0, 180);
      g.setColor(new Color(0x1F4E79));
      g.setStroke(new BasicStroke(4));
      g.drawRect(60, 140, 330, 420);
      // The printed fields: a label bar and a value bar each.
      for (int row = 0; row < 7; row++) {
        int y = 150 + row * 58;
        g.setColor(new Color(0x9FB3C8));
        g.fillRect(450, y, 160, 10);
        g.setColor(new Color(0x33475B));
        g.fillRect(450, y + 20, 300 + (row * 73) % 300, 18);
      }
      // The machine-readable zone: two lines of 44 character cells.
      g.setColor(Color.WHITE);
      g.fillRect(0, 640, PAGE_WIDTH, 240);
      g.setColor(new Color(0x222222));
      for (int line = 0; line < 2; line++) {
        for (int cell = 0; cell < 44; cell++) {
          int height = 20 + (cell * 7 + line * 3) % 24;
          g.fillRect(45 + cell * 26, 700 + line * 80 + (44 - height), 16, height);
        }
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(page, "png", png)) {
        throw new IllegalStateException("no PNG writer in this JDK");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("encoding the demo passport page failed", e);
    }
    return png.toByteArray();
  }
}
