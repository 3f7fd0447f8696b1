package org.trademap.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.trademap.server.config.TradeMapProperties;

class RequestBodyLimitsTest {
  private final ProblemException tooLarge =
      ProblemException.of(HttpStatus.CONTENT_TOO_LARGE, "document.too-large");

  private static RequestBodyLimits limits(RequestBodyLimit... declared) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    for (int i = 0; i < declared.length; i++) {
      beans.addBean("limit" + i, declared[i]);
    }
    return new RequestBodyLimits(
        new TradeMapProperties(
            Path.of("data"),
            new TradeMapProperties.Ledger(0, java.time.Duration.ofSeconds(10), null),
            new TradeMapProperties.Api(DataSize.ofKilobytes(256), 1000, DataSize.ofMegabytes(8))),
        beans.getBeanProvider(RequestBodyLimit.class));
  }

  private static MockHttpServletRequest request(String uri) {
    return new MockHttpServletRequest("POST", uri);
  }

  @Test
  void aPathLimitCoversItsPathAndWhatIsBelowItOnly() {
    RequestBodyLimit uploads =
        new RequestBodyLimit("/api/v1/me/documents", DataSize.ofMegabytes(10), tooLarge);
    RequestBodyLimits limits = limits(uploads);

    assertThat(limits.of(request("/api/v1/me/documents"))).isEqualTo(uploads);
    assertThat(limits.of(request("/api/v1/me/documents/abc"))).isEqualTo(uploads);
    assertThat(limits.of(request("/api/v1/me/documentsX")).maxSize())
        .isEqualTo(DataSize.ofKilobytes(256));
    assertThat(limits.of(request("/api/v1/me")).refusal().code()).isEqualTo("request.too-large");
  }

  @Test
  void theLongestPathWins() {
    RequestBodyLimit outer = new RequestBodyLimit("/me", DataSize.ofMegabytes(1), tooLarge);
    RequestBodyLimit inner =
        new RequestBodyLimit("/me/documents", DataSize.ofMegabytes(10), tooLarge);

    assertThat(limits(outer, inner).of(request("/me/documents/x"))).isEqualTo(inner);
    assertThat(limits(inner, outer).of(request("/me/documents/x"))).isEqualTo(inner);
    assertThat(limits(inner, outer).of(request("/me/other"))).isEqualTo(outer);
  }

  @Test
  void anErrorDispatchUsesTheLimitOfTheRequestThatFailed() {
    RequestBodyLimit uploads =
        new RequestBodyLimit("/me/documents", DataSize.ofMegabytes(10), tooLarge);
    MockHttpServletRequest error = request("/error");
    error.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/me/documents");

    assertThat(limits(uploads).of(error)).isEqualTo(uploads);
  }

  @Test
  void theMultipartLimitsFollowTheLargestBodyLimitAndKeepPartsInMemory() {
    MultipartConfigElement multipart =
        limits(
                new RequestBodyLimit("/a", DataSize.ofMegabytes(3), tooLarge),
                new RequestBodyLimit("/b", DataSize.ofMegabytes(7), tooLarge))
            .multipartConfigElement();

    long seven = DataSize.ofMegabytes(7).toBytes();
    assertThat(List.of(multipart.getMaxFileSize(), multipart.getMaxRequestSize()))
        .containsOnly(seven);
    assertThat((long) multipart.getFileSizeThreshold()).isEqualTo(seven);
    assertThat(limits().multipartConfigElement().getMaxRequestSize())
        .isEqualTo(DataSize.ofKilobytes(256).toBytes());
  }

  @Test
  void refusesPathsAndLimitsThatCannotWork() {
    assertThatThrownBy(() -> new RequestBodyLimit("me", DataSize.ofMegabytes(1), tooLarge))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestBodyLimit("/me/", DataSize.ofMegabytes(1), tooLarge))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestBodyLimit("/me", DataSize.ofBytes(0), tooLarge))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RequestBodyLimit(
                    "/me",
                    DataSize.ofMegabytes(1),
                    ProblemException.of(HttpStatus.BAD_REQUEST, "request.bad-request")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
