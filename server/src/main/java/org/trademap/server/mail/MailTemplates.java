package org.trademap.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from {@code templates/mail/<name>.txt} (Thymeleaf text mode, required) and {@code
 * templates/mail/<name>.html} (HTML mode, optional), with {@code #{…}} texts from the application's
 * messages and the subject from {@code mail.<name>.subject}. The engines are private to mail, so
 * the web pages' view resolution is untouched.
 *
 * <p>In text templates write {@code [(${value})]}: Thymeleaf's {@code [[${value}]]} HTML-escapes
 * even in text mode, which would break every link with more than one query parameter. HTML
 * templates use {@code th:text} and {@code th:href} as usual.
 */
final class MailTemplates {
  static final String FOLDER = "templates/mail/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  private final MessageSource messages;
  private final ClassLoader classLoader;
  private final String folder;
  private final SpringTemplateEngine text;
  private final SpringTemplateEngine html;

  /** Templates from {@code folder} (a class-path folder ending in {@code /}). */
  MailTemplates(MessageSource messages, ClassLoader classLoader, String folder) {
    this.messages = messages;
    this.classLoader = classLoader;
    this.folder = folder;
    this.text = engine(messages, classLoader, folder, ".txt", TemplateMode.TEXT);
    this.html = engine(messages, classLoader, folder, ".html", TemplateMode.HTML);
  }

  /** The subject and bodies of template {@code name} for this model and locale. */
  OutgoingMail render(String to, String name, Map<String, ?> model, Locale locale) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a mail template name is lower-case letters, digits and hyphens: " + name);
    }
    if (classLoader.getResource(folder + name + ".txt") == null) {
      throw new IllegalArgumentException("there is no mail template " + folder + name + ".txt");
    }
    Context context = new Context(locale);
    model.forEach(context::setVariable);
    String subject = messages.getMessage("mail." + name + ".subject", null, locale);
    String textBody = text.process(name, context);
    @Nullable String htmlBody =
        classLoader.getResource(folder + name + ".html") == null
            ? null
            : html.process(name, context);
    return new OutgoingMail(to, subject, textBody, htmlBody);
  }

  private static SpringTemplateEngine engine(
      MessageSource messages,
      ClassLoader classLoader,
      String folder,
      String suffix,
      TemplateMode mode) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(classLoader);
    resolver.setPrefix(folder);
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCheckExistence(true);
    resolver.setCacheable(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(messages);
    engine.setEnableSpringELCompiler(false);
    return engine;
  }
}
