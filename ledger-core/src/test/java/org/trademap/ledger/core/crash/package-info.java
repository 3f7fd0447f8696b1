/**
 * Crash consistency: a child JVM runs a node under load and is killed with SIGKILL; every
 * transaction it acknowledged must be in the ledger afterwards, and the ledger must verify.
 */
@NullMarked
package org.trademap.ledger.core.crash;

import org.jspecify.annotations.NullMarked;
