/**
 * The identity documents and register extracts a subject keeps on file.
 *
 * <p>{@link org.trademap.server.kyc.documents.StoredDocuments} stores what {@link
 * org.trademap.server.onboarding.documents.DocumentIntake} accepted: the clean bytes are sealed by
 * the personal-data vault and written to a file with a random name under {@code
 * <trademap.data-dir>/documents/}; the metadata (kind, type, size, pixel size or pages, when) is in
 * table {@code kyc_document}. A subject keeps at most one document of each {@link
 * org.trademap.server.onboarding.documents.DocumentKind}; a new upload of the same kind replaces
 * the old one. {@code /api/v1/me/documents} and the page {@code /me/documents} let the signed-in
 * account upload, list, download and delete its own documents; anyone else's document is answered
 * like one that does not exist.
 */
@NullMarked
@NamedInterface("documents")
package org.trademap.server.kyc.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
