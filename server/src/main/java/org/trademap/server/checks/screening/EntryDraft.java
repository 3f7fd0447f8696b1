package org.trademap.server.checks.screening;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An entry an operator adds to the ASF or PEP list, as entered; {@link ScreeningLists#add}
 * validates it.
 *
 * @param kind {@code person} or {@code entity}
 * @param name the primary name, 1 to 300 characters
 * @param aliases further names, at most 20, each 1 to 300 characters
 * @param birthDate {@code 1984-01-08}, {@code 1984-01}, {@code 1984}, {@code ~1984} or {@code
 *     1970..1972}; persons only
 * @param nationality ISO 3166-1 alpha-2 (for an organisation: its country)
 * @param note why it is listed, at most 1,000 characters
 */
public record EntryDraft(
    @Nullable String kind,
    @Nullable String name,
    @Nullable List<String> aliases,
    @Nullable String birthDate,
    @Nullable String nationality,
    @Nullable String note) {}
