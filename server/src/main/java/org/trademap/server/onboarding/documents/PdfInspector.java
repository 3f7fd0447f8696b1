package org.trademap.server.onboarding.documents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jspecify.annotations.Nullable;

/**
 * Parses a PDF with Apache PDFBox and refuses it when it is encrypted, has too many pages, or
 * carries anything active or attached.
 *
 * <p>Decisions: the PDF is kept byte for byte, not re-rendered. Register extracts are often signed
 * electronically, and any rewrite would break the signature; re-rendering to images would lose the
 * text. Instead, every object of the file (reachable or not, in object streams too) is walked, and
 * the file is refused as {@link Refusal#POLYGLOT} when it holds JavaScript ({@code /JS}, {@code
 * /JavaScript}), automatic actions ({@code /AA}, an {@code /OpenAction} that does more than go to a
 * page), actions that leave the document ({@code /Launch}, {@code /GoToR}, {@code /GoToE}, {@code
 * /SubmitForm}, {@code /ImportData}), multimedia ({@code /RichMedia}, {@code /Rendition}, {@code
 * /Sound}, {@code /Movie}, {@code /Screen}, {@code /3D}), XFA forms, or attached files ({@code
 * /EmbeddedFiles}, {@code /EF}, {@code /FileAttachment}). Plain links ({@code /URI} in a link
 * annotation) and internal destinations are kept. Anything but white space after the last {@code
 * %%EOF} is refused as well: that is where a PDF/ZIP polyglot keeps its archive.
 *
 * <p>PDFBox works in memory only here ({@code createMemoryOnlyStreamCache}), so no plaintext lands
 * in a temporary file.
 */
final class PdfInspector {
  /** Walking more objects than this is refused as undecodable: no register extract has as many. */
  private static final int MAX_OBJECTS = 1_000_000;

  private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

  private static final Set<COSName> REFUSED_KEYS =
      Set.of(
          COSName.JS,
          COSName.JAVA_SCRIPT,
          COSName.AA,
          COSName.EMBEDDED_FILES,
          COSName.EF,
          COSName.XFA,
          COSName.getPDFName("RichMediaContent"));

  private static final Set<COSName> REFUSED_ACTIONS =
      Set.of(
          COSName.JAVA_SCRIPT,
          COSName.getPDFName("Launch"),
          COSName.getPDFName("GoToR"),
          COSName.getPDFName("GoToE"),
          COSName.getPDFName("SubmitForm"),
          COSName.getPDFName("ImportData"),
          COSName.getPDFName("Rendition"),
          COSName.getPDFName("Sound"),
          COSName.getPDFName("Movie"),
          COSName.getPDFName("RichMediaExecute"),
          COSName.getPDFName("GoTo3DView"));

  private static final Set<COSName> REFUSED_SUBTYPES =
      Set.of(
          COSName.getPDFName("FileAttachment"),
          COSName.getPDFName("RichMedia"),
          COSName.getPDFName("Sound"),
          COSName.getPDFName("Movie"),
          COSName.getPDFName("Screen"),
          COSName.getPDFName("3D"));

  private static final COSName GOTO = COSName.getPDFName("GoTo");

  private final DocumentProperties limits;

  PdfInspector(DocumentProperties limits) {
    this.limits = limits;
  }

  Inspection inspect(byte[] bytes) {
    int eof = lastIndexOf(bytes, EOF_MARKER);
    if (eof < 0) {
      return Inspection.stop(Refusal.UNDECODABLE);
    }
    int afterEof = eof + EOF_MARKER.length;
    if (!onlyWhiteSpace(bytes, afterEof)) {
      String found = Sniffer.hiddenFormat(bytes, afterEof, bytes.length).orElse("data after %%EOF");
      return Inspection.stop(Refusal.POLYGLOT, found);
    }
    try (PDDocument document =
        Loader.loadPDF(bytes, "", null, null, IOUtils.createMemoryOnlyStreamCache())) {
      if (document.isEncrypted()) {
        return Inspection.stop(Refusal.ENCRYPTED);
      }
      Optional<String> active = activeContent(document.getDocument());
      if (active.isPresent()) {
        return Inspection.stop(Refusal.POLYGLOT, active.get());
      }
      int pages = document.getNumberOfPages();
      if (pages < 1) {
        return Inspection.stop(Refusal.UNDECODABLE);
      }
      if (pages > limits.maxPdfPages()) {
        return Inspection.stop(Refusal.TOO_MANY_PAGES, pages, limits.maxPdfPages());
      }
      return new Inspection.Passed(bytes, null, pages, Set.of());
    } catch (InvalidPasswordException e) {
      return Inspection.stop(Refusal.ENCRYPTED);
    } catch (IOException | RuntimeException e) {
      // PDFBox reports unparseable input with IOException and, for some damage, with runtime
      // exceptions; either way the file is not a PDF we can vouch for.
      return Inspection.stop(Refusal.UNDECODABLE);
    }
  }

  /** The name of the first active or attached content found in any object, if any. */
  static Optional<String> activeContent(COSDocument document) {
    Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<COSBase> pending = new ArrayDeque<>();
    pending.push(document.getTrailer());
    for (Map.Entry<COSObjectKey, Long> entry : document.getXrefTable().entrySet()) {
      pending.push(document.getObjectFromPool(entry.getKey()));
    }
    while (!pending.isEmpty()) {
      COSBase next = pending.pop();
      if (!seen.add(next)) {
        continue;
      }
      if (seen.size() > MAX_OBJECTS) {
        throw new IllegalArgumentException("too many PDF objects");
      }
      if (next instanceof COSObject reference) {
        COSBase target = reference.getObject();
        if (target != null) {
          pending.push(target);
        }
      } else if (next instanceof COSArray array) {
        for (COSBase element : array) {
          if (element != null) {
            pending.push(element);
          }
        }
      } else if (next instanceof COSDictionary dictionary) {
        Optional<String> found = refusedEntry(dictionary);
        if (found.isPresent()) {
          return found;
        }
        for (COSBase value : dictionary.getValues()) {
          if (value != null) {
            pending.push(value);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> refusedEntry(COSDictionary dictionary) {
    for (COSName key : dictionary.keySet()) {
      if (REFUSED_KEYS.contains(key)) {
        return Optional.of(key.getName());
      }
    }
    COSName action = nameOf(dictionary.getDictionaryObject(COSName.S));
    if (action != null && REFUSED_ACTIONS.contains(action)) {
      return Optional.of(action.getName());
    }
    COSName subtype = nameOf(dictionary.getDictionaryObject(COSName.SUBTYPE));
    if (subtype != null && REFUSED_SUBTYPES.contains(subtype)) {
      return Optional.of(subtype.getName());
    }
    COSName type = nameOf(dictionary.getDictionaryObject(COSName.TYPE));
    if (COSName.EMBEDDED_FILE.equals(type)) {
      return Optional.of(COSName.EMBEDDED_FILE.getName());
    }
    COSBase open = dictionary.getDictionaryObject(COSName.OPEN_ACTION);
    if (open instanceof COSDictionary openAction && !isGoTo(openAction)) {
      return Optional.of(COSName.OPEN_ACTION.getName());
    }
    return Optional.empty();
  }

  /** A plain jump to a page in this document, with no further actions chained to it. */
  private static boolean isGoTo(COSDictionary action) {
    return GOTO.equals(nameOf(action.getDictionaryObject(COSName.S)))
        && !action.containsKey(COSName.NEXT);
  }

  private static @Nullable COSName nameOf(@Nullable COSBase value) {
    return value instanceof COSName name ? name : null;
  }

  private static boolean onlyWhiteSpace(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != '\f' && b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int lastIndexOf(byte[] bytes, byte[] marker) {
    for (int i = bytes.length - marker.length; i >= 0; i--) {
      if (Sniffer.startsWith(bytes, i, marker)) {
        return i;
      }
    }
    return -1;
  }
}
