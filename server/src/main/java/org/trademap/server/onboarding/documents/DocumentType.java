package org.trademap.server.onboarding.documents;

/** The file types accepted at all, as decided by their magic bytes. */
public enum DocumentType {
  /** JPEG image ({@code FF D8 FF}). */
  JPEG("image/jpeg", "jpg"),
  /** PNG image ({@code 89 50 4E 47 0D 0A 1A 0A}). */
  PNG("image/png", "png"),
  /** PDF document ({@code %PDF-}); accepted for register extracts only. */
  PDF("application/pdf", "pdf");

  private final String mediaType;
  private final String extension;

  DocumentType(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  /** The media type to serve the clean bytes with, e.g. {@code image/jpeg}. */
  public String mediaType() {
    return mediaType;
  }

  /** The file-name extension without the dot, e.g. {@code jpg}. */
  public String extension() {
    return extension;
  }

  /** Whether this is an image (decoded and re-encoded on intake). */
  public boolean isImage() {
    return this != PDF;
  }
}
