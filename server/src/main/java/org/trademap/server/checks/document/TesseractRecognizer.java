package org.trademap.server.checks.document;

import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_AUTO;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_BLOCK;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.StringVector;
import org.bytedeco.tesseract.TessBaseAPI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract 5 (LSTM engine) through the JavaCPP presets, with the English model taken from the
 * class path ({@code tessdata/eng.traineddata}, shipped in the tess4j jar): nothing is downloaded.
 *
 * <p>The model is copied to a temporary directory when this is made. Each call borrows one of a
 * pool of engine instances (a {@code TessBaseAPI} is not thread-safe), made on first need;
 * concurrency is bounded by the caller's thread pool. Recognition is restricted to {@code A-Z 0-9
 * <} and the dictionaries are off (a zone is not words).
 */
public final class TesseractRecognizer implements TextRecognizer, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TesseractRecognizer.class);
  private static final String MODEL = "tessdata/eng.traineddata";

  /** Tesseract wants a resolution; the value only scales its size heuristics. */
  private static final int RESOLUTION_DPI = 300;

  private final Path directory;
  private final ConcurrentLinkedQueue<TessBaseAPI> idle = new ConcurrentLinkedQueue<>();
  private final List<TessBaseAPI> all = new ArrayList<>();
  private boolean closed;

  /**
   * Copies the model from the class path to a new temporary directory.
   *
   * @throws IllegalStateException if the model is not on the class path
   * @throws UncheckedIOException if it cannot be copied
   */
  public TesseractRecognizer() {
    try {
      directory = Files.createTempDirectory("trademap-tessdata");
      try (InputStream model =
          TesseractRecognizer.class.getClassLoader().getResourceAsStream(MODEL)) {
        if (model == null) {
          throw new IllegalStateException(MODEL + " is not on the class path (tess4j jar)");
        }
        Files.copy(model, directory.resolve("eng.traineddata"));
      }
      // If close() is never called (a context not shut down), the copy goes with the JVM.
      directory.toFile().deleteOnExit();
      directory.resolve("eng.traineddata").toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the OCR model to a temporary directory", e);
    }
  }

  @Override
  public Recognized recognise(BufferedImage image, Segmentation segmentation) {
    if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      throw new IllegalArgumentException("the image must be 8-bit grey");
    }
    TessBaseAPI api = borrow();
    try {
      api.SetPageSegMode(segmentation == Segmentation.BLOCK ? PSM_SINGLE_BLOCK : PSM_AUTO);
      byte[] pixels = pixels(image);
      api.SetImage(pixels, image.getWidth(), image.getHeight(), 1, image.getWidth());
      api.SetSourceResolution(RESOLUTION_DPI);
      BytePointer text = api.GetUTF8Text();
      String recognised;
      try {
        recognised = text == null ? "" : text.getString();
      } finally {
        if (text != null) {
          text.deallocate();
        }
      }
      int confidence = Math.clamp(api.MeanTextConf(), 0, 100);
      api.Clear();
      List<String> lines = Arrays.stream(recognised.split("\n")).filter(l -> !l.isBlank()).toList();
      return new Recognized(lines, confidence);
    } finally {
      idle.add(api);
    }
  }

  /** The image's pixels, row by row without padding. */
  private static byte[] pixels(BufferedImage image) {
    if (image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && buffer.getData().length == image.getWidth() * image.getHeight()
        && image.getRaster().getParent() == null) {
      return buffer.getData();
    }
    byte[] pixels = new byte[image.getWidth() * image.getHeight()];
    image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), pixels);
    return pixels;
  }

  private TessBaseAPI borrow() {
    TessBaseAPI api = idle.poll();
    if (api != null) {
      return api;
    }
    synchronized (all) {
      if (closed) {
        throw new IllegalStateException("the recognizer is closed");
      }
      TessBaseAPI made = new TessBaseAPI();
      int status =
          made.Init(
              directory.toString(),
              "eng",
              OEM_LSTM_ONLY,
              (BytePointer) null,
              0,
              new StringVector("load_system_dawg", "load_freq_dawg"),
              new StringVector("0", "0"),
              false);
      if (status != 0) {
        made.close();
        throw new IllegalStateException(
            "Tesseract could not load its model (status " + status + ")");
      }
      made.SetVariable("tessedit_char_whitelist", CheckDigits.CHARSET);
      all.add(made);
      log.info("OCR engine {} ready", all.size());
      return made;
    }
  }

  /** Ends every engine instance and deletes the model's copy. Calls in progress must be done. */
  @Override
  public void close() {
    synchronized (all) {
      closed = true;
      for (TessBaseAPI api : all) {
        api.End();
        api.close();
      }
      all.clear();
      idle.clear();
    }
    delete(directory.resolve("eng.traineddata"));
    delete(directory);
  }

  private static void delete(@Nullable Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", path, e.toString());
    }
  }
}
