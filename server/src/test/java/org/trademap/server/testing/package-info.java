/**
 * Test support shared by the server's tests: a plain HTTP client for the running server and the
 * builder of signed ledger transactions.
 */
@NullMarked
package org.trademap.server.testing;

import org.jspecify.annotations.NullMarked;
