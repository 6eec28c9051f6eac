package org.spinj.visualize.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;
import org.spinj.temporal.models.HybridCnnLstmAttention;

/**
 * Integrated gradients and Gradient SHAP against closed forms: on a linear model {@code f(x) = w
 * . x + c} both equal {@code w * (x - baseline)}; on {@code f(x) = sum x_i^2} from 0, integrated
 * gradients give {@code x_i^2}; on the hybrid network their sums meet {@code f(x) - f(baseline)}
 * (Gradient SHAP in expectation over its draws).
 */
class GradientAttributionsTest {

    private static final double[] W = {2, -1, 0.5, 3};
    private static final double C = 0.7;
    private static final float[] X = {1, 2, -1, 0.5f};
    private static final float[] B = {0.5f, 0, 1, -1};

    /** {@code f(x) = w . x + c}, gradient {@code w}. */
    private static final DifferentiableModel LINEAR = new DifferentiableModel() {
        @Override
        public double[] outputs(float[][] rows) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = C;
                for (int j = 0; j < W.length; j++) {
                    out[i] += W[j] * rows[i][j];
                }
            }
            return out;
        }

        @Override
        public double[][] gradients(float[][] rows) {
            double[][] g = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                g[i] = W.clone();
            }
            return g;
        }
    };

    /** {@code f(x) = sum x_i^2}, gradient {@code 2x}. */
    private static final DifferentiableModel SQUARES = new DifferentiableModel() {
        @Override
        public double[] outputs(float[][] rows) {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                for (float v : rows[i]) {
                    out[i] += v * (double) v;
                }
            }
            return out;
        }

        @Override
        public double[][] gradients(float[][] rows) {
            double[][] g = new double[rows.length][rows[0].length];
            for (int i = 0; i < rows.length; i++) {
                for (int j = 0; j < rows[i].length; j++) {
                    g[i][j] = 2.0 * rows[i][j];
                }
            }
            return g;
        }
    };

    private static double[] exactLinear(float[] baseline) {
        double[] phi = new double[W.length];
        for (int j = 0; j < W.length; j++) {
            phi[j] = W[j] * (X[j] - baseline[j]);
        }
        return phi;
    }

    @Test
    void integratedGradientsOfALinearModelAreTheWeightsTimesTheDisplacement() {
        Attribution ig = new IntegratedGradients(LINEAR).explain(X, B, 3);
        // w (x - b) = (1, -2, -1, 4.5); f(x) = 1.7, f(b) = -0.8
        assertThat(ig.values()).containsExactly(new double[] {1, -2, -1, 4.5}, within(1e-12));
        assertThat(ig.baseValue()).isCloseTo(-0.8, within(1e-6));
        assertThat(ig.output()).isCloseTo(1.7, within(1e-6));
        assertThat(ig.additivityGap()).isLessThan(1e-6);
    }

    @Test
    void integratedGradientsFollowTheCurvedPathOfAQuadratic() {
        // phi_i = x_i * integral_0^1 2 a x_i da = x_i^2; the midpoint rule is exact for a linear integrand
        Attribution ig = new IntegratedGradients(SQUARES).explain(X, new float[4], 5);
        assertThat(ig.values()).containsExactly(new double[] {1, 4, 1, 0.25}, within(1e-6));
        assertThat(ig.additivityGap()).isLessThan(1e-6);
    }

    @Test
    void gradientShapOfALinearModelWithOneBackgroundRowIsExact() {
        Attribution gs = new GradientShap(LINEAR, new float[][] {B}).explain(X, 7, 3);
        assertThat(gs.values()).containsExactly(exactLinear(B), within(1e-12));
        assertThat(gs.baseValue()).isCloseTo(-0.8, within(1e-6));
        assertThat(gs.additivityGap()).isLessThan(1e-6);
    }

    @Test
    void gradientShapOfALinearModelIsTheWeightsTimesTheDisplacementFromTheBackgroundMean() {
        float[] b2 = {-0.5f, 1, 0, 1};
        float[] mean = {0, 0.5f, 0.5f, 0};
        // exact SHAP of a linear model with background {B, b2}: w (x - mean(background)); the
        // stratified draws use each row equally often, so an even count is exact
        Attribution gs = new GradientShap(LINEAR, new float[][] {B, b2}).explain(X, 10, 11);
        assertThat(gs.values()).containsExactly(exactLinear(mean), within(1e-6));
        assertThat(gs.baseValue()).isCloseTo((-0.8 + (-1 - 1 + 0 + 3 + 0.7)) / 2, within(1e-6));
        assertThat(gs.additivityGap()).isLessThan(1e-6);
        // an odd count uses one row once more: w (x - (2 b + b2) / 3) or w (x - (b + 2 b2) / 3)
        Attribution odd = new GradientShap(LINEAR, new float[][] {B, b2}).explain(X, 3, 11);
        float[] towardsB = new float[4];
        float[] towardsB2 = new float[4];
        for (int j = 0; j < 4; j++) {
            towardsB[j] = (2 * B[j] + b2[j]) / 3;
            towardsB2[j] = (B[j] + 2 * b2[j]) / 3;
        }
        assertThat(odd.values()).satisfiesAnyOf(
                v -> assertThat(v).containsExactly(exactLinear(towardsB), within(1e-6)),
                v -> assertThat(v).containsExactly(exactLinear(towardsB2), within(1e-6)));
    }

    @Test
    void gradientShapOfAQuadraticMatchesItsExpectationOverThePath() {
        // one baseline b: E_a[(x - b) 2 (b + a (x - b))] = x^2 - b^2; 200 stratified draws of a
        // leave a mean error of at most 1 / (2 * 200) in a, times 2 (x - b)^2 <= 8
        Attribution gs = new GradientShap(SQUARES, new float[][] {B}).explain(X, 200, 5);
        double[] expected = new double[4];
        for (int j = 0; j < 4; j++) {
            expected[j] = X[j] * X[j] - B[j] * B[j];
        }
        assertThat(gs.values()).containsExactly(expected, within(0.02));
    }

    @Test
    void blockModelGradientsOfADjlLinearLayerGiveTheExactAttributions() {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(1).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            linear.getParameters().get("weight").getArray().set(new float[] {2, -1, 0.5f, 3});
            linear.getParameters().get("bias").getArray().set(new float[] {0.7f});
            BlockModel model = new BlockModel(linear, m, new Shape(4), out -> out.get(0).get(":, 0"));
            assertThat(model.outputs(new float[][] {X})[0]).isCloseTo(1.7, within(1e-6));
            Attribution ig = new IntegratedGradients(model).explain(X, B, 4);
            assertThat(ig.values()).containsExactly(exactLinear(B), within(1e-5));
            Attribution gs = new GradientShap(model, new float[][] {B}).explain(X, 16, 1);
            assertThat(gs.values()).containsExactly(exactLinear(B), within(1e-5));
        }
    }

    @Test
    void gradientShapAndIntegratedGradientsAreCompleteOnTheHybridModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            HybridCnnLstmAttention net = SeededHybrid.create(m, 3, 2);
            BlockModel model = new BlockModel(net, m, new Shape(16), out -> out.get(0).softmax(1).get(":, 1"));
            float[] x = new float[16];
            float[][] background = new float[4][16];
            for (int i = 0; i < 16; i++) {
                x[i] = (float) Math.sin(i);
                for (int b = 0; b < 4; b++) {
                    background[b][i] = (float) Math.cos(0.7 * i + b) * 0.5f;
                }
            }
            // From background[0] the path crosses ReLU and max-pool switches, where the integrand
            // g(a) = grad f(b + a (x - b)) . (x - b) jumps. On a step of width h = 1/m the midpoint
            // rule is off by at most h times g's variation over the step, so the gap is at most
            // TV(g) / m (plus float32's floor). TV measured on 1024 points of the path is a lower
            // bound, so the check is if anything stricter than the bound it stands for.
            Attribution ig = new IntegratedGradients(model).explain(x, background[0], 64);
            assertThat(ig.additivityGap()).isLessThanOrEqualTo(
                    pathVariation(model, background[0], x, 1024) / 64 + 1e-6);
            double delta = Math.abs(model.outputs(new float[][] {x})[0] - ig.baseValue());
            Attribution gs = new GradientShap(model, background).explain(x, 2048, 2);
            // E[sum phi] = f(x) - mean f(background): the Monte Carlo gap is a small share of the change
            assertThat(gs.additivityGap()).isLessThan(Math.max(2e-3, 0.1 * delta));
            assertThat(gs.baseValue()).isCloseTo(mean(model.outputs(background)), within(1e-9));
        }
    }

    /**
     * The total variation of {@code g(a) = grad f(b + a (x - b)) . (x - b)} over {@code points}
     * midpoints of [0, 1]: a lower bound of g's variation that tightens as the grid refines.
     */
    private static double pathVariation(
            DifferentiableModel model, float[] b, float[] x, int points) {
        float[][] path = new float[points][x.length];
        for (int k = 0; k < points; k++) {
            double a = (k + 0.5) / points;
            for (int i = 0; i < x.length; i++) {
                path[k][i] = (float) (b[i] + a * (x[i] - b[i]));
            }
        }
        double[][] grads = model.gradients(path);
        double variation = 0;
        double previous = 0;
        for (int k = 0; k < points; k++) {
            double g = 0;
            for (int i = 0; i < x.length; i++) {
                g += grads[k][i] * (x[i] - b[i]);
            }
            variation += k > 0 ? Math.abs(g - previous) : 0;
            previous = g;
        }
        return variation;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
