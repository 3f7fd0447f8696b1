/**
 * Test support shared by the server's tests: a plain HTTP client for the running server, the
 * builder of signed ledger transactions, the dual-database harness, and the browser-test harness
 * ({@link org.trademap.server.testing.BrowserServer}, {@link
 * org.trademap.server.testing.DevInbox}).
 */
@NullMarked
package org.trademap.server.testing;

import org.jspecify.annotations.NullMarked;
