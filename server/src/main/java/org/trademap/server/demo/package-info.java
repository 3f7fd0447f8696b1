/**
 * Demo data for the embedded default: on the first start of {@code bin/trademap start} with a new
 * data directory, {@link org.trademap.server.demo.DemoSeeder} makes a person and a company that are
 * part-way through onboarding, a person whose submitted file waits in the back office, and the back
 * office's administrator, KYC supervisor and KYC operator (with their authenticator keys), through
 * the same services the pages and the API use, and writes their sign-in details to {@code
 * <trademap.data-dir>/demo-credentials.txt} (mode 600).
 *
 * <p>It runs once per data directory ({@code demo-seed.marker} there), only with {@code
 * trademap.demo.seed=true} and only with the embedded mail server ({@code
 * trademap.mail.embedded=true}): a configuration that sends real mail is a real deployment. It only
 * adds accounts under fresh addresses and never changes anything that exists. The people and the
 * company are fictitious specimens.
 */
@NullMarked
package org.trademap.server.demo;

import org.jspecify.annotations.NullMarked;
