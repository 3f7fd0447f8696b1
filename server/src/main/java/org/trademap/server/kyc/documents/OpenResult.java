package org.trademap.server.kyc.documents;

import java.time.Instant;

/** The outcome of {@link StoredDocuments#open}: the content, or why it cannot be had. */
public sealed interface OpenResult {

  /**
   * The document and its clean bytes, exactly as intake produced them.
   *
   * @param document its metadata
   * @param bytes the clean bytes; the accessor returns a copy
   */
  record Content(StoredDocument document, byte[] bytes) implements OpenResult {
    public Content {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Content that
          && document.equals(that.document)
          && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return document.hashCode();
    }

    @Override
    public String toString() {
      return "Content[" + document.id() + ", " + bytes.length + " B]";
    }
  }

  /** The subject has no document with this id (it never had, or another subject has it). */
  record NotFound() implements OpenResult {}

  /**
   * The metadata exists but the file is gone: the data directory lost it. Nothing can be served.
   *
   * @param document the metadata
   */
  record Missing(StoredDocument document) implements OpenResult {}

  /**
   * The file fails the vault's authentication: it was changed, truncated, or is another document's
   * file. The content is never returned.
   *
   * @param document the metadata
   */
  record Damaged(StoredDocument document) implements OpenResult {}

  /**
   * The subject's personal data was erased (vault key shredded); the file cannot be read any more.
   *
   * @param document the metadata
   * @param erasedAt when
   */
  record Erased(StoredDocument document, Instant erasedAt) implements OpenResult {}
}
