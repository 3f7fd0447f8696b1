package org.trademap.server.mail;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Present only in the embedded default ({@code trademap.mail.embedded}, true unless set to false):
 * the embedded SMTP server and the dev inbox that shows what it received.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "trademap.mail.embedded", matchIfMissing = true)
@interface ConditionalOnEmbeddedMail {}
