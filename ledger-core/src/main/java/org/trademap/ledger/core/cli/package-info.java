/** The command line for ledger operations: {@code ledger verify} and {@code keys generate}. */
@NullMarked
package org.trademap.ledger.core.cli;

import org.jspecify.annotations.NullMarked;
