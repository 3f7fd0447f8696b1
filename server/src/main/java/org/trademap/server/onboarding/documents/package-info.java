/**
 * Safe intake of uploaded identity documents and register extracts.
 *
 * <p>{@link org.trademap.server.onboarding.documents.DocumentIntake} takes the uploaded bytes and
 * answers with a {@link org.trademap.server.onboarding.documents.IntakeResult}: either a {@link
 * org.trademap.server.onboarding.documents.CleanDocument} that is safe to store and serve, or a
 * refusal with a stable code ({@code document.*}). The type is decided by the magic bytes alone;
 * the client's file name and content type are advisory. Images are decoded and re-encoded (which
 * drops EXIF, GPS, ICC profiles, text chunks and anything appended); PDFs are parsed and refused
 * when they carry active content or attachments, but kept byte for byte so that electronic
 * signatures on register extracts stay verifiable.
 *
 * <p>Nothing here stores, encrypts or serves documents: the clean bytes go to the personal-data
 * vault, always under {@link org.trademap.server.onboarding.documents.CleanDocument#storageName()},
 * never under a name the user chose. Nothing here writes to disk either: image and PDF parsing use
 * in-memory caches only, so no plaintext copy of a document lands in a temporary file.
 *
 * <p>A named interface of the {@code onboarding} module: {@code kyc.documents} stores what the
 * intake accepted.
 */
@NullMarked
@NamedInterface("documents")
package org.trademap.server.onboarding.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
