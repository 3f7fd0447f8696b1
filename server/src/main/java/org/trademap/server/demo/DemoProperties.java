package org.trademap.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.demo.*} properties.
 *
 * @param seed whether the first start with a data directory seeds demo accounts (a person and a
 *     company part-way through onboarding) and writes their sign-in details to {@code
 *     <data-dir>/demo-credentials.txt}; default {@code true}, the embedded default of {@code
 *     bin/trademap start}. Production configurations set it to {@code false}. Even when {@code
 *     true}, nothing is seeded while {@code trademap.mail.embedded} is {@code false} (real mail
 *     means a real deployment).
 */
@ConfigurationProperties("trademap.demo")
record DemoProperties(@DefaultValue("true") boolean seed) {}
