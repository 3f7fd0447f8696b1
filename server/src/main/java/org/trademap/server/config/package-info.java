/**
 * Typed configuration of the TradeMap server: every {@code trademap.*} property with its default,
 * in one place. Other packages receive these records; nothing else reads Spring properties.
 */
@NullMarked
package org.trademap.server.config;

import org.jspecify.annotations.NullMarked;
