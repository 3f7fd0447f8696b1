/**
 * The node's TLS identity and how peers authenticate each other: a self-signed P-256 certificate
 * per organisation, listed in the genesis document, and a trust manager that accepts exactly the
 * listed certificates (see ADR 0019).
 */
@NullMarked
package org.trademap.ledger.core.tls;

import org.jspecify.annotations.NullMarked;
