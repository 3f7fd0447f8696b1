/** Test fixtures shared by the engine tests: a small contract and transaction builders. */
@NullMarked
package org.trademap.ledger.core.testing;

import org.jspecify.annotations.NullMarked;
