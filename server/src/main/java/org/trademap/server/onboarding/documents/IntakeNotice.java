package org.trademap.server.onboarding.documents;

/**
 * Something the intake changed or noticed about an accepted upload; worth telling the user or an
 * auditor, but no reason to refuse it.
 */
public enum IntakeNotice {
  /**
   * The file name or the declared content type named another type than the magic bytes show (a PNG
   * named {@code scan.pdf}). The magic bytes decided; the display name got the right extension.
   */
  DECLARED_TYPE_DIFFERS,
  /** The display name is not the file name as sent: paths, control or bidi characters or length. */
  DISPLAY_NAME_SANITIZED,
  /** Re-encoding dropped metadata the image carried (EXIF, GPS, XMP, ICC profile, comments). */
  METADATA_REMOVED,
  /** Re-encoding dropped data appended after the image's end marker. */
  TRAILING_DATA_REMOVED,
  /** The EXIF orientation was applied to the pixels, so the image displays upright without it. */
  ORIENTATION_APPLIED
}
