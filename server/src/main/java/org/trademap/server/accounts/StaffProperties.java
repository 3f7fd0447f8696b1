package org.trademap.server.accounts;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code trademap.staff.*} properties.
 *
 * @param initialAdministrator the email address of the first administrator: at start-up, while no
 *     administrator account exists, one is made for this address and its invitation mailed there
 *     (the administrator then chooses a password and enrols the second factor by the link, and
 *     invites the other staff). Default none: no administrator is made. Once an administrator
 *     exists the setting changes nothing, so it may stay set.
 */
@ConfigurationProperties("trademap.staff")
public record StaffProperties(@Nullable String initialAdministrator) {}
