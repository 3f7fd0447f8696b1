package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.bench.BenchMain;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench scaling} as a user runs it, short: for trust models a and b a consortium of one
 * company (three server processes, to keep the suite short) is written, started, loaded, measured
 * and stopped, and the results are in {@code scaling.json}, {@code scaling.csv} and {@code
 * scaling.png}. The figures themselves are printed by the benchmark, not asserted.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ScalingBenchIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Stops any node a failed run left behind. */
  @AfterEach
  void stopLeftovers() throws IOException {
    for (String size : List.of("a-1", "b-1")) {
      Path d = tmp.resolve("out").resolve(size);
      if (Files.exists(d.resolve("consortium.json"))) {
        for (Long pid : ConsortiumProcessesIT.pids(d)) {
          if (pid != null) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      }
    }
  }

  @Test
  void bothModelsAreMeasuredAndWrittenAsJsonCsvAndChart() throws Exception {
    Path dir = tmp.resolve("out");
    PrintStream s = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status =
        BenchMain.run(
            new String[] {
              "scaling",
              "--model",
              "a,b",
              "--companies",
              "1",
              "--duration",
              "3s",
              "--warmup",
              "2s",
              "--idle",
              "1s",
              "--concurrency",
              "12",
              "--out",
              dir.toString()
            },
            s,
            s,
            options -> {
              // quicker start-up of the short-lived test servers
              List<String> jvm = new ArrayList<>(options);
              jvm.add("-XX:TieredStopAtLevel=1");
              return LedgerCommands.launcher(jvm);
            });
    String output = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("machine ", "config ", "formula ", "cores × 1000", "scaling.png")
        .contains("idle      before the warm-up", "idle      after the warm-up", "limiting ")
        .contains("model a, 1 company (3 nodes): measured", "model b, 1 company (3 nodes)");

    JsonNode points = JSON.readTree(Files.readString(dir.resolve("scaling.json")));
    assertThat(points.isArray()).isTrue();
    assertThat(points).hasSize(2);
    for (JsonNode p : points) {
      assertThat(p.path("companies").asInt()).isEqualTo(1);
      assertThat(p.path("nodes").asInt()).isEqualTo(3);
      assertThat(p.path("measuredTps").asDouble()).isPositive();
      double cpuMs = p.path("cpuMsPerTxPerNode").asDouble();
      assertThat(cpuMs).isPositive();
      assertThat(p.path("projectedTpsAllCpu").asDouble())
          .isCloseTo(p.path("cores").asInt() * 1000 / cpuMs, offset(1.0));
      // the projection above idle: the limiting node's (cores × 1000 − idle) / marginal
      String limiting = p.path("limitingNode").asString();
      assertThat(limiting).isIn("consortium", "sec-1", "notary");
      double idle = p.path("idleCpuMsPerSecByNode").path(limiting).asDouble();
      double marginal = p.path("marginalCpuMsPerTxByNode").path(limiting).asDouble();
      assertThat(idle).isNotNegative();
      assertThat(marginal).isPositive().isLessThanOrEqualTo(cpuMs);
      assertThat(p.path("projectedTps").asDouble())
          .isCloseTo((p.path("cores").asInt() * 1000 - idle) / marginal, offset(1.0));
      for (String field : List.of("cpuMsPerTxByNode", "idleCpuMsPerSecByNode")) {
        assertThat(p.path(field).propertyNames())
            .as(field)
            .containsExactlyInAnyOrder("consortium", "sec-1", "notary");
      }
    }
    assertThat(points.get(0).path("model").asString()).isEqualTo("a");
    assertThat(points.get(1).path("model").asString()).isEqualTo("b");

    // In model a the load went to the relationship channel: the company's node, which holds only
    // its own channel, was given transactions and acknowledged them.
    JsonNode a = JSON.readTree(Files.readString(dir.resolve("a-1").resolve("cluster.json")));
    for (String company : List.of("sec-1")) {
      assertThat(a.path("perNode").path(company).path("acknowledged").asLong())
          .as(company)
          .isPositive();
    }

    List<String> csv = Files.readAllLines(dir.resolve("scaling.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("model,companies,nodes,measuredTps,projectedTps,");
    assertThat(csv.get(1)).startsWith("a,1,3,");
    assertThat(csv.get(2)).startsWith("b,1,3,");

    BufferedImage png = ImageIO.read(dir.resolve("scaling.png").toFile());
    assertThat(png).isNotNull();
    assertThat(png.getWidth()).isGreaterThan(600);
    assertThat(png.getHeight()).isGreaterThan(400);
    assertThat(series(dir.resolve("scaling.png")))
        .containsExactly(
            "model a, measured here",
            "model a, projected from CPU above idle: one machine per node",
            "model b, measured here",
            "model b, projected from CPU above idle: one machine per node",
            "JPX 2018, model b (Fabric 1.0)",
            "JPX 2018, model a (Corda 1.0 OS)");

    // Every node of both consortiums was stopped.
    for (String size : List.of("a-1", "b-1")) {
      assertThat(ConsortiumProcessesIT.pids(dir.resolve(size))).containsOnlyNulls();
    }
  }

  /** The series the chart names in its PNG text chunk {@code Series}, one per line. */
  private static List<String> series(Path png) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      IIOMetadataNode tree =
          (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      NodeList entries = tree.getElementsByTagName("tEXtEntry");
      for (int i = 0; i < entries.getLength(); i++) {
        IIOMetadataNode e = (IIOMetadataNode) entries.item(i);
        if (e.getAttribute("keyword").equals("Series")) {
          return List.of(e.getAttribute("value").split("\n"));
        }
      }
      return List.of();
    }
  }
}
