package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.SpinHierarchicalModel;
import org.spinj.spin.SpinModel;
import org.spinj.visualize.plot.ErrorBreakdown;

/**
 * The run report of small untrained SPIN and SPIN-H models (d = 8, L = 2, random weights) and of
 * a baseline on the synthetic task with windows of 8 steps: no training, so it runs in seconds.
 */
class RunReportTest {

    private static final Pattern FIGURE =
            Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:image/png;base64,([^\"]*)\"");

    @TempDir static Path tmp;
    static ImputationTask task;

    @BeforeAll
    static void prepare() {
        task = TaskPreparation.prepare(DataSpec.of("synthetic").withWindow(8)
                .withEvalMask(DemoCommand.DEMO_MASK));
    }

    private static ImputationModel model(ImputationNetwork net) {
        NDManager m = NDManager.newBaseManager();
        Shape x = new Shape(1, task.window(), task.series().numNodes(), 1);
        net.initialize(m, DataType.FLOAT32, x, x, new Shape(1, task.window(), 4));
        return new ImputationModel(net, m, task.graph(), task.scaler(), task.window(),
                task.name());
    }

    private static ImputationModel spin() {
        Engine.getInstance().setRandomSeed(21);
        return model(SpinModel.builder().setNumNodes(task.series().numNodes())
                .optConfig(SpinConfig.DEFAULT.withHiddenSize(8).withLayers(2, 1)).build());
    }

    private static ImputationModel spinH() {
        Engine.getInstance().setRandomSeed(22);
        return model(new SpinHierarchicalModel(task.series().numNodes(), 8, 8, 2, 2, 1));
    }

    private static String write(String name, ImputationModel model) throws IOException {
        RunDirectory run = RunDirectory.create(tmp, task.name(), name);
        JsonObject config = new JsonObject();
        config.addProperty("model", name);
        run.writeConfig(config);
        int[] block = RunReport.testBlock(task);
        float[] imputed = model != null
                ? model.impute(task.series().sliceTime(block[0], block[1]), task.window(), 64)
                : truth(block);
        Path html = RunReport.write(run, task, name, Map.of("test MAE", "1.0"), imputed, model);
        return Files.readString(html);
    }

    /** The ground truth of the steps {@code [block[0], block[1])}, 0 where it is missing. */
    private static float[] truth(int[] block) {
        float[] v = task.series().sliceTime(block[0], block[1]).values();
        for (int k = 0; k < v.length; k++) {
            if (!Float.isFinite(v[k])) {
                v[k] = 0;
            }
        }
        return v;
    }

    /** Caption and decoded image of every figure, in page order. */
    private static List<Map.Entry<String, BufferedImage>> figures(String html) throws IOException {
        List<Map.Entry<String, BufferedImage>> out = new ArrayList<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            BufferedImage img = ImageIO.read(
                    new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertThat(img).as(m.group(1)).isNotNull();
            out.add(Map.entry(m.group(1), img));
        }
        return out;
    }

    private static BufferedImage figure(List<Map.Entry<String, BufferedImage>> figs,
            String captionPart) {
        return figs.stream().filter(f -> f.getKey().contains(captionPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + captionPart + "' in "
                        + figs.stream().map(Map.Entry::getKey).toList()))
                .getValue();
    }

    @Test
    void spinReportShowsHourlyErrorsBandStatisticsTopEdgesAndMap() throws IOException {
        String html;
        try (ImputationModel model = spin()) {
            html = write("spin", model);
        }
        List<Map.Entry<String, BufferedImage>> figs = figures(html);

        for (Map.Entry<String, BufferedImage> f : figs) {
            assertThat(RenderedImage.distinctColours(f.getValue())).as(f.getKey())
                    .isGreaterThan(4);
        }
        assertThat(figure(figs, "MAE by hour of day (UTC)").getWidth()).isEqualTo(1000);
        assertThat(figure(figs, "Temporal attention of every layer")).isNotNull();
        assertThat(figure(figs, "Temporal attention of layer1.self for node")).isNotNull();
        BufferedImage band = figure(figs, "receives from layer1.self (mean over query steps)");
        assertThat(band.getWidth()).isEqualTo(1000);
        assertThat(band.getHeight()).isEqualTo(360);
        assertThat(figure(figs, "Spatial attention of layer1.cross at the last step")).isNotNull();
        assertThat(figure(figs, "The 15 edges with the most attention").getHeight())
                .isEqualTo(360);
        assertThat(figure(figs, "The same attention on the node coordinates")).isNotNull();
        assertThat(html).contains("<caption>Table 1. Attention statistics per temporal layer")
                .contains("<tr><th>layer</th><th>attends over</th><th>locality (steps)</th>")
                .containsPattern("<tr><td>layer0.cross</td><td>\\d+ spatial edges</td>")
                .contains("<tr><td>layer0.self</td><td>36 nodes</td>")
                .contains("<td>layer1.cross</td>").contains("<td>layer1.self</td>");
        assertThat(html.indexOf("Table 1.")).isLessThan(html.indexOf("Spatial attention of"));
    }

    @Test
    void spinHReportHasSpatialAttentionButNoTemporalBandOrStatistics() throws IOException {
        String html;
        try (ImputationModel model = spinH()) {
            html = write("spin-h", model);
        }
        List<Map.Entry<String, BufferedImage>> figs = figures(html);

        assertThat(figure(figs, "Spatial attention of layer1.spatial")).isNotNull();
        assertThat(figs.stream().map(Map.Entry::getKey))
                .anyMatch(c -> c.contains("the spatial attention weight of each edge"))
                .noneMatch(c -> c.startsWith("Temporal attention"))
                .noneMatch(c -> c.contains("receives from"));
        assertThat(figure(figs, "The 15 edges with the most attention")).isNotNull();
        assertThat(figure(figs, "MAE by hour of day")).isNotNull();
        assertThat(html).doesNotContain("Attention statistics");
    }

    @Test
    void baselineReportHasTheErrorFiguresButNoAttention() throws IOException {
        String html = write("interp", null);
        List<Map.Entry<String, BufferedImage>> figs = figures(html);

        assertThat(figure(figs, "MAE per node on the evaluation targets")).isNotNull();
        assertThat(figure(figs, "MAE by hour of day")).isNotNull();
        assertThat(figs.stream().map(Map.Entry::getKey)).noneMatch(c -> c.contains("attention"));
    }

    @Test
    void errorBreakdownScoresOnlyTheEvaluationTargetsPerHourOfDay() {
        int[] block = RunReport.testBlock(task);
        var s = task.series();
        int n = s.numNodes();
        float[] imputed = truth(block);
        // off by 2 on every evaluation target at 17:xx, exact elsewhere
        long targets = 0;
        for (int t = block[0]; t < block[1]; t++) {
            for (int i = 0; i < n; i++) {
                if (s.isEval(t, i, 0) && s.timeIndex().at(t).getHour() == 17) {
                    imputed[((t - block[0]) * n + i) * s.numChannels()] += 2f;
                    targets++;
                }
            }
        }

        ErrorBreakdown e = RunReport.errorBreakdown(s, imputed, block[0], block[1]);

        assertThat(targets).isPositive();
        assertThat(e.perHour()[17]).isCloseTo(2.0, within(1e-4));
        assertThat(e.perHour()[16]).isZero();
        assertThat(e.count()).isPositive();
    }
}
