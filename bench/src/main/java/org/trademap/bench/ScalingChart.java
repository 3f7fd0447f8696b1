package org.trademap.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scaling chart (PNG): throughput over the number of securities companies, measured and
 * projected per trust model, with the JPX prototype's figures (Table 7-5, Figure 7-9) for
 * comparison, on a logarithmic axis since they lie two orders of magnitude apart. Drawn headless.
 */
final class ScalingChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 640;

  /** JPX trust model b (Hyperledger Fabric 1.0): before nodes were added, and at 20 companies. */
  static final double JPX_FABRIC_BEFORE = 61.7;

  static final double JPX_FABRIC_AT_20 = 44.9;

  /** JPX trust model a (Corda 1.0 open source): flat as nodes were added. */
  static final double JPX_CORDA = 3;

  /**
   * The report gives the figures before and after adding nodes and names 20 companies as the size
   * measured after (footnote 11), not the size before; the chart puts "before" at 4, the smallest
   * size of PERFORMANCE.md's experiment.
   */
  static final int JPX_FIRST_SIZE = 4;

  static final int JPX_LAST_SIZE = 20;

  /** Each series' colour, by name: also what a test looks for in the image. */
  static final Map<String, Color> COLOURS = colours();

  private ScalingChart() {}

  private static Map<String, Color> colours() {
    Map<String, Color> c = new LinkedHashMap<>();
    c.put(seriesName("a", false), new Color(0x1f, 0x77, 0xb4));
    c.put(seriesName("a", true), new Color(0x17, 0xbe, 0xcf));
    c.put(seriesName("b", false), new Color(0xd6, 0x27, 0x28));
    c.put(seriesName("b", true), new Color(0xff, 0x7f, 0x0e));
    c.put(JPX_FABRIC, new Color(0x8c, 0x56, 0x4b));
    c.put(JPX_CORDA_NAME, new Color(0x94, 0x67, 0xbd));
    return Map.copyOf(c);
  }

  static final String JPX_FABRIC = "JPX 2018, model b (Fabric 1.0)";
  static final String JPX_CORDA_NAME = "JPX 2018, model a (Corda 1.0 OS)";

  static String seriesName(String model, boolean projected) {
    return "model "
        + model
        + (projected ? ", projected from CPU above idle: one machine per node" : ", measured here");
  }

  /** The chart's series: per model measured and projected, then the JPX points. */
  static XYSeriesCollection dataset(List<ScalingPoint> points) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    for (ScalingPoint p : points) {
      add(series, seriesName(p.model(), false), p.companies(), p.measuredTps());
      add(series, seriesName(p.model(), true), p.companies(), p.projectedTps());
    }
    add(series, JPX_FABRIC, JPX_FIRST_SIZE, JPX_FABRIC_BEFORE);
    add(series, JPX_FABRIC, JPX_LAST_SIZE, JPX_FABRIC_AT_20);
    add(series, JPX_CORDA_NAME, JPX_FIRST_SIZE, JPX_CORDA);
    add(series, JPX_CORDA_NAME, JPX_LAST_SIZE, JPX_CORDA);
    XYSeriesCollection dataset = new XYSeriesCollection();
    series.values().forEach(dataset::addSeries);
    return dataset;
  }

  private static void add(Map<String, XYSeries> series, String name, int x, double y) {
    XYSeries s = series.computeIfAbsent(name, n -> new XYSeries(n, true, false));
    if (y > 0) { // a logarithmic axis has no zero
      s.add(x, y);
    }
  }

  static JFreeChart chart(List<ScalingPoint> points, String subtitle) {
    XYSeriesCollection dataset = dataset(points);
    NumberAxis x = new NumberAxis("securities companies (nodes = companies + 2)");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    LogAxis y = new LogAxis("acknowledged transactions per second (log scale)");
    y.setSmallestValue(1);
    y.setAutoTickUnitSelection(false);
    y.setTickUnit(new NumberTickUnit(1)); // one tick per power of ten
    y.setNumberFormatOverride(
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    y.setMinorTickMarksVisible(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < dataset.getSeriesCount(); i++) {
      String name = (String) dataset.getSeriesKey(i);
      renderer.setSeriesPaint(i, COLOURS.getOrDefault(name, Color.DARK_GRAY));
      renderer.setSeriesStroke(
          i,
          name.startsWith("JPX")
              ? new BasicStroke(
                  2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
              : new BasicStroke(2.5f));
    }
    XYPlot plot = new XYPlot(dataset, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            "TradeMap ledger: throughput as companies join (JPX Figure 7-9)",
            new Font(Font.SANS_SERIF, Font.BOLD, 18),
            plot,
            true);
    chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** Writes the chart as a PNG of {@link #WIDTH} × {@link #HEIGHT}, without a display. */
  static void write(Path file, List<ScalingPoint> points, String subtitle) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try {
      JFreeChart chart = chart(points, subtitle);
      writePng(file, chart.createBufferedImage(WIDTH, HEIGHT), seriesNames(chart));
    } catch (IOException | RuntimeException e) {
      throw new BenchFailure("cannot draw the chart " + file + ": " + e, e);
    }
  }

  /** The names of the chart's series, in the legend's order. */
  static List<String> seriesNames(JFreeChart chart) {
    var data = chart.getXYPlot().getDataset();
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      names.add(String.valueOf(data.getSeriesKey(i)));
    }
    return names;
  }

  /**
   * Writes the image as PNG with a text chunk {@value #SERIES_KEY} naming the series, one per line,
   * so that a reader of the file (and a test) can tell what it shows without looking.
   */
  private static void writePng(Path file, BufferedImage image, List<String> series)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(file.toFile())) {
      if (stream == null) {
        throw new IOException("cannot open " + file);
      }
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
      IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
      entry.setAttribute("keyword", SERIES_KEY);
      entry.setAttribute("value", String.join("\n", series));
      IIOMetadataNode text = new IIOMetadataNode("tEXt");
      text.appendChild(entry);
      IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA_FORMAT);
      root.appendChild(text);
      metadata.mergeTree(PNG_METADATA_FORMAT, root);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
  }

  /** The PNG text keyword under which the series are listed. */
  static final String SERIES_KEY = "Series";

  private static final String PNG_METADATA_FORMAT = "javax_imageio_png_1.0";
}
