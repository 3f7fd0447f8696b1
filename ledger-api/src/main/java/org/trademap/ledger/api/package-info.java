/**
 * The public face of the TradeMap ledger: what clients, contracts and the server see. Nothing in
 * here depends on a framework, a clock or I/O; implementations live in {@code ledger-core}.
 */
@NullMarked
package org.trademap.ledger.api;

import org.jspecify.annotations.NullMarked;
