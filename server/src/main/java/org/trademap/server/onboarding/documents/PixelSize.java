package org.trademap.server.onboarding.documents;

/**
 * The pixel dimensions of an image as it is displayed (after any EXIF orientation was applied).
 *
 * @param width pixels per row, positive
 * @param height rows, positive
 */
public record PixelSize(int width, int height) {
  public PixelSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("pixel dimensions must be positive");
    }
  }

  /** The shorter side. */
  public int shortSide() {
    return Math.min(width, height);
  }

  /** The number of pixels. */
  public long pixels() {
    return (long) width * height;
  }
}
