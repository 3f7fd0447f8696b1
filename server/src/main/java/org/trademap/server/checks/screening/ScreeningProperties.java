package org.trademap.server.checks.screening;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code trademap.screening.*} properties: where the lists come from and when a match is a hit.
 *
 * <p>A location is a URL ({@code https://…}), a {@code file:} URL, a path, or {@code classpath:…}.
 * The defaults are the small samples shipped in the jar ({@code screening/sample/}), enough for the
 * demo; production points them at the published lists, e.g. {@code
 * https://scsanctions.un.org/resources/xml/en/consolidated.xml} and {@code
 * https://www.treasury.gov/ofac/downloads/sdn.csv} (and {@code alt.csv}, {@code add.csv}, {@code
 * sdn_comments.csv}), or at copies an operator downloaded.
 *
 * @param threshold the score from which a match is a hit, 0.5 to 1; default 0.85 (ADR 0017 says
 *     why)
 * @param un the UN Security Council Consolidated List (XML)
 * @param ofac the OFAC SDN list (CSV distribution)
 * @param importOnStart whether the server imports a list that has no version yet when it starts
 *     (default true: a fresh server screens against the configured lists at once)
 * @param fetchTimeout how long fetching one file may take; default 60 seconds, 1 second to 30
 *     minutes
 * @param maxFileSize the largest list file accepted; default 100MB, 1KB to 2GB
 */
@ConfigurationProperties("trademap.screening")
public record ScreeningProperties(
    @DefaultValue("0.85") double threshold,
    @DefaultValue Un un,
    @DefaultValue Ofac ofac,
    @DefaultValue("true") boolean importOnStart,
    @DefaultValue("60s") Duration fetchTimeout,
    @DefaultValue("100MB") DataSize maxFileSize) {

  public ScreeningProperties {
    if (!(threshold >= 0.5 && threshold <= 1)) {
      throw new IllegalArgumentException("trademap.screening.threshold must be from 0.5 to 1");
    }
    if (fetchTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || fetchTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException(
          "trademap.screening.fetch-timeout must be 1 second to 30 minutes");
    }
    if (maxFileSize.toBytes() < 1024 || maxFileSize.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("trademap.screening.max-file-size must be 1KB to 2GB");
    }
  }

  /** Defaults, as without any configuration. */
  static ScreeningProperties defaults() {
    return new ScreeningProperties(
        0.85,
        new Un(Un.SAMPLE),
        new Ofac(Ofac.SAMPLE_SDN, Ofac.SAMPLE_ALT, Ofac.SAMPLE_ADD, Ofac.SAMPLE_COMMENTS),
        true,
        Duration.ofSeconds(60),
        DataSize.ofMegabytes(100));
  }

  /**
   * The UN list.
   *
   * @param location of the consolidated list's XML; default the shipped sample
   */
  public record Un(@DefaultValue(Un.SAMPLE) String location) {
    static final String SAMPLE = "classpath:screening/sample/un-consolidated-sample.xml";
  }

  /**
   * The OFAC SDN list's files.
   *
   * @param sdn {@code sdn.csv}, the primary records; required
   * @param alt {@code alt.csv}, the aliases; empty to leave out
   * @param add {@code add.csv}, the addresses; empty to leave out
   * @param comments {@code sdn_comments.csv}, remarks too long for {@code sdn.csv}; empty to leave
   *     out
   */
  public record Ofac(
      @DefaultValue(Ofac.SAMPLE_SDN) String sdn,
      @DefaultValue(Ofac.SAMPLE_ALT) String alt,
      @DefaultValue(Ofac.SAMPLE_ADD) String add,
      @DefaultValue(Ofac.SAMPLE_COMMENTS) String comments) {
    static final String SAMPLE_SDN = "classpath:screening/sample/sdn.csv";
    static final String SAMPLE_ALT = "classpath:screening/sample/alt.csv";
    static final String SAMPLE_ADD = "classpath:screening/sample/add.csv";
    static final String SAMPLE_COMMENTS = "classpath:screening/sample/sdn_comments.csv";
  }
}
