package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** The {@code trademap.documents.*} properties bind with safe defaults and refuse nonsense. */
class DocumentPropertiesTest {

  private static DocumentProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("trademap.documents", DocumentProperties.class);
  }

  @Test
  void bindsTheDocumentedDefaults() {
    assertThat(bind(Map.of())).isEqualTo(DocumentProperties.defaults());
    assertThat(DocumentProperties.defaults().maxBytes()).isEqualTo(DataSize.ofMegabytes(10));
  }

  @Test
  void bindsConfiguredLimits() {
    DocumentProperties properties =
        bind(
            Map.of(
                "trademap.documents.max-bytes", "4MB",
                "trademap.documents.min-short-side", "1000",
                "trademap.documents.max-documents-per-user", "5"));

    assertThat(properties.maxBytes()).isEqualTo(DataSize.ofMegabytes(4));
    assertThat(properties.minShortSide()).isEqualTo(1000);
    assertThat(properties.maxDocumentsPerUser()).isEqualTo(5);
    assertThat(properties.maxPixels()).isEqualTo(40_000_000);
  }

  @Test
  void refusesLimitsThatMakeNoSense() {
    assertThatThrownBy(() -> bind(Map.of("trademap.documents.max-bytes", "0B")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("trademap.documents.max-bytes must be 1 B to 2 GB");
    assertThatThrownBy(() -> bind(Map.of("trademap.documents.min-short-side", "20000")))
        .isInstanceOf(BindException.class);
    assertThatThrownBy(() -> bind(Map.of("trademap.documents.max-concurrent-decodes", "0")))
        .isInstanceOf(BindException.class);
  }
}
