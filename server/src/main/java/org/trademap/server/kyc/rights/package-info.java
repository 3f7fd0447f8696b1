/**
 * The rights of the person (Swiss FADP, GDPR): export, correction and erasure of their data, and
 * the anti-money-laundering retention duty that can hold an erasure back ({@link
 * org.trademap.server.kyc.rights.RetentionPolicy}).
 */
@NullMarked
package org.trademap.server.kyc.rights;

import org.jspecify.annotations.NullMarked;
