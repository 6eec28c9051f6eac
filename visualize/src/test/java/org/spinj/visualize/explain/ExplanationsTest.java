package org.spinj.visualize.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.temporal.models.HybridCnnLstmAttention;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

class ExplanationsTest {

    @TempDir Path dir;

    // f(x) = 2 x0 - x1 + 0.5 x2 + x0 x2 (an interaction, so Shapley splits it)
    private static final Function<float[][], double[]> F = rows -> {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            out[i] = 2 * r[0] - r[1] + 0.5 * r[2] + r[0] * r[2];
        }
        return out;
    };

    private static final float[][] BACKGROUND = {{0, 0, 0}, {1, 2, -1}};

    @Test
    void exactKernelShapIsAdditiveAndMatchesHandValues() {
        Attribution a = new KernelShap(F, BACKGROUND, 3).explain(new float[] {1, 1, 1}, 64, 1);
        assertThat(a.additivityGap()).isLessThan(1e-4);
        // single background row 0: phi = (2, -1, 0.5) + x0 x2 split equally = (2.5, -1, 1)
        Attribution zero = new KernelShap(F, new float[][] {{0, 0, 0}}, 3).explain(new float[] {1, 1, 1}, 64, 1);
        assertThat(zero.values()).containsExactly(new double[] {2.5, -1, 1}, within(1e-12));
        assertThat(zero.baseValue()).isZero();
    }

    @Test
    void kernelShapEvaluatesCoalitionsInBatchesWithTheSameResult() {
        int[] calls = {0};
        Function<float[][], double[]> counted = rows -> {
            calls[0]++;
            return F.apply(rows);
        };
        // 1500 zero rows: 4096 / 1500 = 2 coalitions per call, so the 8 coalitions take 4 calls
        float[][] zeros = new float[1500][3];
        Attribution a = new KernelShap(counted, zeros, 3).explain(new float[] {1, 1, 1}, 64, 1);
        assertThat(a.values()).containsExactly(new double[] {2.5, -1, 1}, within(1e-9));
        assertThat(calls[0]).isEqualTo(2 + 4); // base value, f(x), then the coalitions
        calls[0] = 0;
        new KernelShap(counted, BACKGROUND, 3).explain(new float[] {1, 1, 1}, 64, 1);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void multiOutputKernelShapExplainsEachOutputAsASingleOutputRunWould() {
        // outputs (f, -2 f + 1): Shapley values are linear in the output
        Function<float[][], double[][]> two = rows -> {
            double[] f = F.apply(rows);
            double[][] out = new double[f.length][];
            for (int i = 0; i < f.length; i++) {
                out[i] = new double[] {f[i], -2 * f[i] + 1};
            }
            return out;
        };
        for (int samples : new int[] {64, 5}) { // exact, then sampled
            List<Attribution> both = KernelShap.multiOutput(two, BACKGROUND, 3).explainAll(new float[] {1, 1, 1}, samples, 4);
            Attribution one = new KernelShap(F, BACKGROUND, 3).explain(new float[] {1, 1, 1}, samples, 4);
            assertThat(both.get(0).values()).containsExactly(one.values(), within(1e-9));
            double[] scaled = java.util.Arrays.stream(one.values()).map(v -> -2 * v).toArray();
            assertThat(both.get(1).values()).containsExactly(scaled, within(1e-6));
            assertThat(both.get(1).baseValue()).isCloseTo(-2 * one.baseValue() + 1, within(1e-9));
            assertThat(both.get(1).additivityGap()).isLessThan(1e-9);
        }
    }

    @Test
    void groupedExplanationsShowEachGroupsMeanInput() {
        Attribution grouped = new Attribution(new float[] {1, 2, 3, 4}, new double[] {1, 2}, 0, 3);
        assertThat(ShapPlots.featureValue(grouped, 0)).isEqualTo(1.5);
        assertThat(ShapPlots.featureValue(grouped, 1)).isEqualTo(3.5);
        Attribution single = new Attribution(new float[] {5, 6}, new double[] {1, 2}, 0, 3);
        assertThat(ShapPlots.featureValue(single, 1)).isEqualTo(6);
    }

    @Test
    void sampledKernelShapIsExactlyAdditiveAndCloseToExact() {
        float[][] bg = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
        Function<float[][], double[]> g = rows -> {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < 10; j++) {
                    out[i] += (j + 1) * rows[i][j];
                }
                out[i] = Math.tanh(out[i] / 100);
            }
            return out;
        };
        float[] x = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        Attribution exact = new KernelShap(g, bg, 10).explain(x, 4096, 1);
        Attribution sampled = new KernelShap(g, bg, 10).explain(x, 600, 3);
        assertThat(sampled.additivityGap()).isLessThan(1e-4);
        assertThat(exact.additivityGap()).isLessThan(1e-4);
        assertThat(sampled.values()).containsExactly(exact.values(), within(0.02));
    }

    /**
     * Where float32 arithmetic leaves a completeness gap: the outputs are probabilities, resolved
     * to about 6e-8, and the gradients through the network carry relative errors near 1e-7.
     */
    private static final double FLOAT32_GAP = 1e-6;

    @Test
    void integratedGradientsAreCompleteOnTheHybridModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            HybridCnnLstmAttention net = SeededHybrid.create(m, 3, 3);
            BlockModel model = new BlockModel(net, m, new Shape(16), out -> out.get(0).softmax(1).get(":, 1"));
            float[] x = new float[16];
            for (int i = 0; i < 16; i++) {
                x[i] = (float) Math.sin(i);
            }
            // From the zero baseline the integrand g(a) = grad f(a x) . x is smooth on (0, 1]: the
            // fresh network's convolutions have zero bias and its batch norms are the identity, so
            // the convolutional features scale with a and no ReLU or max-pool switches along the
            // path. The midpoint rule's error is then g'(c) / (24 m^2) for some c: four times the
            // steps divide the gap by about 16. A quarter is required, down to float32's floor.
            IntegratedGradients ig = new IntegratedGradients(model);
            double gap = ig.explain(x, new float[16], 4).additivityGap();
            for (int steps : new int[] {16, 64}) {
                double finer = ig.explain(x, new float[16], steps).additivityGap();
                assertThat(finer).as("gap at %d steps after %.3g at %d", steps, gap, steps / 4)
                        .isLessThanOrEqualTo(Math.max(gap / 4, FLOAT32_GAP));
                gap = finer;
            }
            Attribution ks = new KernelShap(model, new float[][] {new float[16]}, 4).explain(x, 16, 0);
            assertThat(ks.additivityGap()).isLessThan(1e-4);
            // all three class probabilities from one set of coalitions: each additive, class 1 as above
            BlockModel all = new BlockModel(net, m, new Shape(16), out -> out.get(0).softmax(1));
            List<Attribution> each = KernelShap.multiOutput(all::outputRows, new float[][] {new float[16]}, 4)
                    .explainAll(x, 16, 0);
            assertThat(each).hasSize(3);
            assertThat(each.get(1).values()).containsExactly(ks.values(), within(1e-6));
            double sum = 0;
            for (Attribution a : each) {
                assertThat(a.additivityGap()).isLessThan(1e-4);
                sum += a.output();
            }
            assertThat(sum).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void gradCamOfAHandBuiltConvNetPointsAtTheDetectingRegion() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel 0 detects a positive bump (kernel +1 +1 +1), channel 1 a dip (-1 -1 -1);
            // score_c = mean over steps of channel c
            NDArray w = m.create(new float[] {1, 1, 1, -1, -1, -1}, new Shape(2, 1, 3));
            float[] x = new float[40];
            for (int t = 8; t < 12; t++) {
                x[t] = 1;
            }
            for (int t = 28; t < 32; t++) {
                x[t] = -1;
            }
            NDArray input = m.create(x, new Shape(1, 1, 40));
            java.util.function.UnaryOperator<NDArray> features = in -> in.getNDArrayInternal().convolution(
                    in, w, null, new Shape(1), new Shape(1), new Shape(1), 1).singletonOrThrow().maximum(0f);
            java.util.function.UnaryOperator<NDArray> scores = a -> a.mean(new int[] {2});
            double[] bump = GradCam1d.explain(features, scores, input, 0, 40);
            double[] dip = GradCam1d.explain(features, scores, input, 1, 40);
            assertThat(argmax(bump)).isBetween(7, 12);
            assertThat(argmax(dip)).isBetween(27, 32);
            assertThat(bump[30]).isZero();
            assertThat(dip[10]).isZero();
        }
    }

    @Test
    void gradCamRunsOnTheHybridModelsLastConvBlock() {
        Engine.getInstance().setRandomSeed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            HybridCnnLstmAttention net = new HybridCnnLstmAttention(16, 2, 4, 4);
            net.initialize(m, DataType.FLOAT32, net.inputShapes(1));
            ParameterStore ps = new ParameterStore(m, false);
            double[] cam = GradCam1d.explain(x -> net.convFeatures(ps, x, false),
                    a -> net.head(ps, a, false).get(0), m.randomNormal(new Shape(1, 16)), 1, 16);
            assertThat(cam).hasSize(16);
            assertThat(java.util.Arrays.stream(cam).max().orElseThrow()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void upsamplingFollowsTorchAlignCornersFalse() {
        // torch: interpolate([0, 1], size=4, linear, align_corners=False) = [0, .25, .75, 1]
        assertThat(GradCam1d.upsample(new double[] {0, 1}, 4)).containsExactly(new double[] {0, 0.25, 0.75, 1}, within(1e-12));
    }

    @Test
    void plotsRenderToPng() throws Exception {
        List<Attribution> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(new KernelShap(F, BACKGROUND, 3).explain(new float[] {i, 1 - i, 0.5f * i}, 64, 0));
        }
        List<String> names = List.of("a", "b", "c");
        PlotSize size = new PlotSize(500, 300);
        org.jfree.chart.JFreeChart force = ShapPlots.force(all.get(2), names, 2, "force");
        // the base value and the output are marked on the value axis
        assertThat(force.getCategoryPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
                .extracting(m -> ((org.jfree.chart.plot.ValueMarker) m).getValue())
                .containsExactly(all.get(2).baseValue(), all.get(2).output());
        Path[] files = {
            PngFile.write(ShapPlots.summaryBar(all, names, 3, "summary"), size, dir.resolve("bar.png")),
            PngFile.write(ShapPlots.beeswarm(all, names, 3, "beeswarm"), size, dir.resolve("bee.png")),
            PngFile.write(force, size, dir.resolve("force.png")),
            SignalAttentionChart.write(new double[] {0, 1, 0, -1}, new double[] {.1, .6, .2, .1}, "att",
                    "attention", new int[] {1, 3}, dir.resolve("att.png"))
        };
        List<Path> maps = MultiHeadAttentionMaps.write(new float[] {1, 0, .5f, .5f, 0, 1, 1, 0}, 2, "mh", dir, "mh");
        assertThat(maps).hasSize(3);
        for (Path f : files) {
            assertThat(Files.size(f)).isPositive();
        }
        assertThat(MultiHeadAttentionMaps.average(new float[] {1, 0, .5f, .5f, 0, 1, 1, 0}, 2)[1])
                .containsExactly(new double[] {0.75, 0.25}, within(1e-7));
    }

    @Test
    void perClassAndPerFeatureChartsRenderToPng() throws Exception {
        Map<String, List<Attribution>> perClass = new LinkedHashMap<>();
        for (String c : List.of("up", "down")) {
            List<Attribution> list = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                float[] x = {i, 1 - i, 0.5f * i};
                list.add(new Attribution(x, new double[] {c.equals("up") ? i : -i, 0.1, 0.2}, 0, 0));
            }
            perClass.put(c, list);
        }
        PlotSize size = new PlotSize(500, 300);
        org.jfree.chart.JFreeChart stacked = ShapPlots.summaryBarByClass(perClass, List.of("a", "b", "c"), 2, "bar");
        org.jfree.data.category.CategoryDataset data = stacked.getCategoryPlot().getDataset();
        // mean |phi| of feature a: (0 + 1 + 2 + 3) / 4 = 1.5 in both classes; ranked first, 'c' second
        assertThat(data.getColumnKeys()).containsExactly("a", "c");
        assertThat(data.getValue("down", "a").doubleValue()).isEqualTo(1.5);
        Path[] files = {
            PngFile.write(stacked, size, dir.resolve("stacked.png")),
            AttributionBarChart.write(perClass.get("up").get(2), "ig", dir.resolve("ig.png")),
            GroupHistogramChart.write(Map.of("normal", new double[] {0.9, 0.95}, "anomalous", new double[] {0.5}),
                    0, 1, 10, "entropy", "hist", dir.resolve("hist.png"))
        };
        for (Path f : files) {
            assertThat(Files.size(f)).isPositive();
        }
    }

    @Test
    void chartsRejectMismatchedInputsWithTheirSizes() {
        Attribution grouped = new Attribution(new float[] {1, 2, 3, 4}, new double[] {1, 2}, 0, 3);
        assertThatThrownBy(() -> AttributionBarChart.chart(grouped, "t"))
                .hasMessageContaining("2 values for 4 features");
        assertThatThrownBy(() -> GroupHistogramChart.chart(Map.of("g", new double[0]), 0, 1, 5, "q", "t"))
                .hasMessageContaining("group 'g' has no values");
        assertThatThrownBy(() -> GroupHistogramChart.chart(Map.of("g", new double[] {1}), 1, 1, 5, "q", "t"))
                .hasMessageContaining("[1.0, 1.0]");
    }

    private static int argmax(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            b = v[i] > v[b] ? i : b;
        }
        return b;
    }
}
