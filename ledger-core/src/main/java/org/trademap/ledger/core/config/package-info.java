/**
 * Node configuration files ({@code bin/trademap start --config FILE}) and the layout of a local
 * consortium ({@code bin/trademap consortium init}): typed, validated, with every problem named.
 */
@NullMarked
package org.trademap.ledger.core.config;

import org.jspecify.annotations.NullMarked;
