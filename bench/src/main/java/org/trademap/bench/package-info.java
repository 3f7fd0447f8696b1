/**
 * TradeMap's benchmarks, as programs rather than timed tests: {@link org.trademap.bench.BenchMain}
 * runs the end-to-end ledger benchmark ({@code ledger}: signed {@code kyc-registry} registrations
 * submitted straight to an embedded node, concurrency raised step by step, compared with the
 * Ed25519 ceiling measured in the same run) and the JMH microbenchmarks ({@code jmh}: Ed25519
 * verification, encoding, block execution).
 */
@NullMarked
package org.trademap.bench;

import org.jspecify.annotations.NullMarked;
