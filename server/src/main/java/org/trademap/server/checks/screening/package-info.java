/**
 * Sanctions, PEP and anti-social-forces (ASF) screening of KYC subjects (ADR 0017).
 *
 * <p>{@link org.trademap.server.checks.screening.ScreeningLists} keeps the lists: the UN Security
 * Council Consolidated List (XML) and the OFAC SDN list (CSV distribution) imported from files or
 * URLs the operator configures ({@link org.trademap.server.checks.screening.ScreeningProperties}),
 * and the consortium's own ASF and PEP lists edited by operators. Every import or edit that changes
 * a list is a new {@link org.trademap.server.checks.screening.ListVersion}; the entries of every
 * version are stored (tables {@code screening_list_version}, {@code screening_list_entry}) and the
 * newest version of each list is held in an in-memory index.
 *
 * <p>{@link org.trademap.server.checks.screening.Screening} screens a subject's parties (the
 * person, or the company and its beneficial owners) against all lists: names are normalised and
 * transliterated to ASCII, compared token by token in the best order with Jaro-Winkler, against
 * every alias; birth date and nationality raise or lower the score. Hits above the documented
 * threshold are stored with their reasons (sealed by the personal-data vault, since they quote the
 * subject's name) until an operator disposes of them as true or false positives. A new list version
 * re-screens every screened subject and announces new hits with {@link
 * org.trademap.server.checks.screening.ScreeningHitsFound}.
 *
 * <p>Other modules use {@link org.trademap.server.checks.screening.ListMatcher} to screen against a
 * list of their own (a securities company's ASF list) with the same matcher.
 */
@NullMarked
@NamedInterface("screening")
package org.trademap.server.checks.screening;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
