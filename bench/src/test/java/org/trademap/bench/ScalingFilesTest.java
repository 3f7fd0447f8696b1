package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScalingFilesTest {
  @TempDir Path tmp;

  static final List<ScalingPoint> POINTS =
      List.of(
          ScalingPoint.of("a", 4, 2.0, 400, 0, 0, Map.of("consortium", 800_000_000L), Map.of(), 2),
          ScalingPoint.of(
              "a",
              20,
              2.0,
              300,
              1,
              2,
              Map.of("consortium", 630_000_000L, "sec-1", 1L),
              Map.of("consortium", 15.0),
              2),
          ScalingPoint.of("b", 4, 2.0, 100, 0, 0, Map.of("notary", 500_000_000L), Map.of(), 2));

  @Test
  void csvHasAHeaderAndOneLinePerPointWithDots() {
    String csv = ScalingFiles.csv(POINTS);

    assertThat(csv.lines().toList())
        .containsExactly(
            "model,companies,nodes,measuredTps,projectedTps,limitingNode,idleCpuMsPerSec,"
                + "marginalCpuMsPerTx,projectedTpsAllCpu,cpuMsPerTxPerNode,busiestNode,"
                + "acknowledged,refused,errors,seconds,cores",
            "a,4,1,200,1000,consortium,0,2,1000,2,consortium,400,0,0,2,2",
            // (630 − 15 × 2) / 300 = 2 ms above idle; (2,000 − 15) / 2
            "a,20,2,150,992.5,consortium,15,2,952.4,2.1,consortium,300,1,2,2,2",
            "b,4,1,50,400,notary,0,5,400,5,notary,100,0,0,2,2");
  }

  @Test
  void jsonIsAListOfThePointsWithThePerNodeMap() throws Exception {
    Path file = tmp.resolve("scaling.json");
    ScalingFiles.writeJson(file, POINTS);

    JsonNode list = JsonMapper.builder().build().readTree(Files.readString(file));
    assertThat(list.isArray()).isTrue();
    assertThat(list).hasSize(3);
    JsonNode second = list.get(1);
    assertThat(second.path("model").asString()).isEqualTo("a");
    assertThat(second.path("companies").asInt()).isEqualTo(20);
    assertThat(second.path("nodes").asInt()).isEqualTo(2);
    assertThat(second.path("measuredTps").asDouble()).isEqualTo(150.0);
    assertThat(second.path("projectedTps").asDouble()).isEqualTo(992.5);
    assertThat(second.path("projectedTpsAllCpu").asDouble()).isEqualTo(952.4);
    assertThat(second.path("limitingNode").asString()).isEqualTo("consortium");
    assertThat(second.path("idleCpuMsPerSecByNode").path("consortium").asDouble()).isEqualTo(15.0);
    assertThat(second.path("marginalCpuMsPerTxByNode").path("consortium").asDouble())
        .isEqualTo(2.0);
    assertThat(second.path("cpuMsPerTxPerNode").asDouble()).isEqualTo(2.1);
    assertThat(second.path("cpuMsPerTxByNode").path("sec-1").asDouble()).isZero();
    assertThat(second.path("cpuMsPerTxByNode").path("consortium").asDouble()).isEqualTo(2.1);
  }

  @Test
  void theChartHoldsBothModelsAndTheJpxPointsAndIsAReadablePng() throws Exception {
    XYSeriesCollection data = ScalingChart.dataset(POINTS);
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      names.add(String.valueOf(data.getSeriesKey(i)));
    }
    assertThat(names)
        .containsExactly(
            "model a, measured here",
            "model a, projected from CPU above idle: one machine per node",
            "model b, measured here",
            "model b, projected from CPU above idle: one machine per node",
            ScalingChart.JPX_FABRIC,
            ScalingChart.JPX_CORDA_NAME);
    assertThat(data.getSeries(ScalingChart.JPX_FABRIC).getY(0).doubleValue()).isEqualTo(61.7);
    assertThat(data.getSeries(ScalingChart.JPX_FABRIC).getX(1).intValue()).isEqualTo(20);
    assertThat(data.getSeries(ScalingChart.JPX_FABRIC).getY(1).doubleValue()).isEqualTo(44.9);
    assertThat(data.getSeries(ScalingChart.JPX_CORDA_NAME).getY(1).doubleValue()).isEqualTo(3.0);
    assertThat(data.getSeries(1).getItemCount()).isEqualTo(2);

    Path png = tmp.resolve("scaling.png");
    ScalingChart.write(png, POINTS, "test");
    assertPngWithEverySeries(png);
    assertThat(pngSeries(png)).isEqualTo(names);
  }

  /** The PNG decodes at the chart's size and shows every series' colour (lines and legend). */
  static void assertPngWithEverySeries(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(ScalingChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(ScalingChart.HEIGHT);
    for (var e : ScalingChart.COLOURS.entrySet()) {
      assertThat(contains(image, e.getValue())).as(e.getKey()).isTrue();
    }
  }

  private static boolean contains(BufferedImage image, Color colour) {
    int rgb = colour.getRGB() & 0xffffff;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }

  /** The series the PNG's text chunk names. */
  static List<String> pngSeries(Path png) throws Exception {
    try (var in = ImageIO.createImageInputStream(png.toFile())) {
      var reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      var tree =
          (javax.imageio.metadata.IIOMetadataNode)
              reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
      var entries = tree.getElementsByTagName("tEXtEntry");
      for (int i = 0; i < entries.getLength(); i++) {
        var e = (javax.imageio.metadata.IIOMetadataNode) entries.item(i);
        if (ScalingChart.SERIES_KEY.equals(e.getAttribute("keyword"))) {
          return List.of(e.getAttribute("value").split("\n"));
        }
      }
      return List.of();
    }
  }
}
