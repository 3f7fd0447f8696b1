package org.trademap.server.accounts;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the bearer token in the OpenAPI document: a {@code bearer} security scheme, required by
 * every operation under {@code /api/v1/me/}, {@code /api/v1/checks/} and {@code /api/v1/admin/} and
 * by {@code /api/v1/sessions/current}, so that Swagger UI's "Authorize" button sends it.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityDocs {
  static final String SCHEME = "bearer";

  @Bean
  OpenApiCustomizer bearerTokenSecurity() {
    return openApi -> {
      Components components = openApi.getComponents();
      if (components == null) {
        components = new Components();
        openApi.setComponents(components);
      }
      components.addSecuritySchemes(
          SCHEME,
          new SecurityScheme()
              .type(SecurityScheme.Type.HTTP)
              .scheme("bearer")
              .description("The token from POST /api/v1/sessions."));
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) -> {
                if (path.startsWith("/api/v1/me/")
                    || path.startsWith("/api/v1/checks/")
                    || path.startsWith("/api/v1/admin/")
                    || path.equals("/api/v1/sessions/current")) {
                  item.readOperations()
                      .forEach(
                          operation ->
                              operation.addSecurityItem(new SecurityRequirement().addList(SCHEME)));
                }
              });
    };
  }
}
