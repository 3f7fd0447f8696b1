package org.trademap.server.sharing.ownchecks;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a company's own list of anti-social forces, as uploaded.
 *
 * @param key stable over uploads: derived from the normalised name and the birth date, so a hit
 *     cleared on one version stays cleared when the same entry comes back
 * @param row the entry's row in the uploaded CSV (1 is the first row, a header included)
 * @param name the listed person's or organisation's name, 1 to 300 characters
 * @param birthDate the compact birth date ({@code 1984-01-08}, {@code 1984-01}, {@code 1984},
 *     {@code ~1984}, {@code 1970..1972}), or null; an entry with one is a person
 * @param note the company's note, at most 1,000 characters; may be empty
 */
record AsfEntry(String key, long row, String name, @Nullable String birthDate, String note) {}
