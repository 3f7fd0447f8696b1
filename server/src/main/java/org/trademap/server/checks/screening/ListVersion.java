package org.trademap.server.checks.screening;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of a list: what an import or an operator's edit produced.
 *
 * @param id increasing over all lists
 * @param source the list
 * @param fetchedAt when it was imported or edited
 * @param sha256 the SHA-256 of the list's content (hex): of the fetched files for an import, of the
 *     entries' canonical JSON for an edited list; equal content gives an equal hash, and an import
 *     of unchanged content makes no new version
 * @param entryCount how many entries it holds
 * @param origin where it came from: the configured location of an import (URL or file), or {@code
 *     edit} for an operator's edit
 * @param editedBy the account that imported or edited it; null for an import by the server itself
 */
public record ListVersion(
    long id,
    ListSource source,
    Instant fetchedAt,
    String sha256,
    int entryCount,
    String origin,
    @Nullable UUID editedBy) {}
