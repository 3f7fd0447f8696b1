package org.trademap.server.checks.screening;

/**
 * Published after a list got a new version (an import with new content or an operator's edit), once
 * the version is stored and indexed. {@link Screening} re-screens every screened subject on it.
 *
 * @param version the new version
 */
public record ScreeningListChanged(ListVersion version) {}
