package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code spinj summary}: parameter table and the activation memory estimate. */
class SummaryCommandTest {

    /**
     * SPIN's parameter count by hand (C = 1, U = 4, one output channel): ulin 5d, qmlp 3(d² + d),
     * hmlp d² + 3d, hnorm 2d, embeddings 3Nd; per layer xskip 2d, cross and self attention 4d² +
     * 4d + 2 each (lin_src d² + d, lin_tgt d², two PReLU slopes, msg_nn 2(d² + d), gate d),
     * linskip d² + d, norm 2d, readout 2d² + 3d + 1.
     */
    static long spinParameters(long d, long layers, long nodes) {
        return 4 * d * d + 13 * d + 3 * nodes * d + layers * (11 * d * d + 16 * d + 5);
    }

    @Test
    void handFormulaGivesThePapersCount() {
        assertThat(spinParameters(32, 4, 36)).isEqualTo(51_636 + 96 * 36);
    }

    @Test
    void defaultsOnSyntheticTotal51636Plus96PerNode() {
        CliRun r = CliRun.of("summary", "--model", "spin", "--dataset", "synthetic");
        assertThat(r.exitCode()).as(r.err()).isZero();
        long expected = 51_636 + 96 * 36;
        assertThat(r.out())
                .contains("N = 36 nodes, E = 154 edges, T = 24 steps, d = 32, L = 4, eta = 3")
                .contains(String.format(Locale.ROOT, "Total params: %,d", expected))
                .contains("Total params: 55,092");
        // paper protocol: batch 8 as 4 micro-batches of 2
        assertThat(r.out()).contains("ESTIMATE")
                .contains("per micro-batch (B = 2, 4 micro-batches of a batch of 8)")
                .contains("whole batch in one pass (B = 8)");
    }

    @Test
    void tinyConfigListsEveryGroupWithShapesAndTheHandCount() {
        CliRun r = CliRun.of("summary", "--dataset", "synthetic", "--hidden", "8", "--layers", "2",
                "--eta", "1", "--window", "8", "--batch-size", "4", "--micro-batches", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains(String.format(Locale.ROOT, "Total params: %,d",
                spinParameters(8, 2, 36)));
        assertThat(spinParameters(8, 2, 36)).isEqualTo(2_898);
        List<String> groups = List.of("ulin", "qmlp", "hmlp", "hnorm", "embeddings", "xskip0",
                "layer0.cross", "layer0.self", "layer0.linskip", "layer0.norm", "readout0",
                "xskip1", "layer1.cross", "readout1");
        int last = -1;
        for (String g : groups) {
            int at = out.indexOf("\n" + g + " ");
            assertThat(at).as(g + " in order").isGreaterThan(last);
            last = at;
        }
        assertThat(out).containsPattern("node_emb\\s+\\[36, 8\\]\\s+288")
                .containsPattern("embeddings\\s+864")
                .containsPattern("layer0\\.self\\s+290") // 4d^2 + 4d + 2
                .containsPattern("qmlp\\s+216") // 3(d^2 + d)
                .containsPattern("readout1\\s+153") // 2d^2 + 3d + 1
                .containsPattern("lin0\\.weight\\s+\\[8, 8\\]\\s+64")
                .contains("[2, 8, 154, 8, 8]")
                .contains("B = 2, 2 micro-batches of a batch of 4");
    }

    @Test
    void estimateCountsTwoPairTensorsPerAttentionAndLayer() {
        ActivationEstimate e = new ActivationEstimate(2, 24, 36, 654, 32, 4);
        ActivationEstimate.Term cross = e.terms().get(0);
        assertThat(cross.shape()).isEqualTo("[2, 24, 654, 24, 32]");
        assertThat(cross.bytes()).isEqualTo(8L * 2 * 24 * 654 * 24 * 32 * 4); // 735.8 MiB
        ActivationEstimate.Term self = e.terms().get(3);
        assertThat(self.bytes()).isEqualTo(8L * 2 * 24 * 36 * 24 * 32 * 4);
        assertThat(e.withBatch(8).activationBytes()).isEqualTo(4 * e.activationBytes());
        assertThat(e.backwardPeakBytes()).isEqualTo(2L * 2 * 24 * 654 * 24 * 32 * 4);
        assertThat(ActivationEstimate.formatBytes(cross.bytes())).isEqualTo("735.8 MiB");
    }

    @Test
    void spinHTablesThePapersHierarchicalModelAndEstimatesItsActivations() {
        CliRun r = CliRun.of("summary", "--model", "spin-h", "--dataset", "synthetic");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 515,624 + 672 N in the reference, less its unused lin_alpha_z (5 x 128); N = 36
        assertThat(r.out()).contains("539,176").doesNotContain("SPIN only")
                .contains("ESTIMATE")
                .contains("[2, 4, 36, 24, 128]") // hubs read steps, micro-batch of 2
                .contains("[2, 24, 154, 4, 32]") // cross-attention pairs over E = 154
                .contains("per micro-batch (B = 2, 4 micro-batches of a batch of 8)")
                .contains("whole batch in one pass (B = 8)");
    }

    /**
     * SPIN-H with the paper's sizes on AQI-36 (h 32, z 128, K 4, L 5; N 36, E 654, T 24), one
     * window, elements by hand: hubs-read-steps 5·4·36·24·128 = 2,211,840 and 5·4·36·24·32 =
     * 552,960; steps-read-hubs 10·24·36·4·32 = 1,105,920; cross pairs 10·24·654·4·32 =
     * 20,090,880; node scores 100·24·36·4 = 345,600; cross scores 50·24·654·4 = 3,139,200; edge
     * tensors 110·24·654·32 = 55,249,920; step tokens 270·24·36·32 = 7,464,960; readouts
     * 20·24·36·128 = 2,211,840; hubs 50·4·36·128 = 921,600: 93,294,720 in all.
     */
    @Test
    void spinHEstimateMatchesTheHandCount() {
        HierarchicalActivationEstimate e =
                new HierarchicalActivationEstimate(1, 24, 36, 654, 32, 128, 4, 5);
        assertThat(e.activationBytes()).isEqualTo(4L * 93_294_720);
        assertThat(ActivationEstimate.formatBytes(e.activationBytes())).isEqualTo("355.9 MiB");
        assertThat(e.withBatch(8).activationBytes()).isEqualTo(8 * e.activationBytes());
        assertThat(e.backwardPeakBytes()).isEqualTo(4L * 2 * 24 * 654 * 4 * 32);
        // linear in T, where SPIN's grows with T²; only the hub tensors do not depend on T
        assertThat(new HierarchicalActivationEstimate(1, 48, 36, 654, 32, 128, 4, 5)
                .activationBytes()).isEqualTo(2 * e.activationBytes() - 4L * 921_600);
    }

    /**
     * Both estimates against the peak RSS that {@code bench scaling} measured on AQI-36
     * ({@code docs/figures/scaling.csv}, 2026-11-22, MiB, one training step in its own JVM): the
     * growth per extra window (batch sweep) and per extra step (window sweep) cancels the fixed
     * cost of the JVM and libtorch. The estimate counts what autograd keeps for the backward
     * pass; the measured growth also holds the gradients the backward pass computes, of about the
     * same size, and allocator slack: the estimate must lie between 40% and 75% of it, and for
     * SPIN-H, whose estimate is linear in B and T, the two sweeps must agree within 10%.
     */
    @Test
    void estimatesAgreeWithMeasuredPeakMemoryGrowth() {
        double mib = 1024.0 * 1024.0;
        // SPIN-H, T 24: B = 2 -> 1,389.5 MiB, B = 8 -> 4,956.7 MiB
        double hPerWindow = (4956.7 - 1389.5) / 6;
        double hEstimate =
                new HierarchicalActivationEstimate(1, 24, 36, 654, 32, 128, 4, 5).activationBytes()
                        / mib;
        double hBatchRatio = hEstimate / hPerWindow;
        // SPIN-H, B 2: T = 12 -> 792.3 MiB, T = 48 -> 2,445.2 MiB
        double hWindowGrowth = 2445.2 - 792.3;
        double hWindowEstimate =
                (new HierarchicalActivationEstimate(2, 48, 36, 654, 32, 128, 4, 5).activationBytes()
                        - new HierarchicalActivationEstimate(2, 12, 36, 654, 32, 128, 4, 5)
                                .activationBytes()) / mib;
        double hWindowRatio = hWindowEstimate / hWindowGrowth;
        // SPIN (d 32, L 4), T 24: B = 2 -> 2,853.7 MiB, B = 4 -> 5,505.1 MiB
        double sPerWindow = (5505.1 - 2853.7) / 2;
        double sEstimate = new ActivationEstimate(1, 24, 36, 654, 32, 4).activationBytes() / mib;
        double sBatchRatio = sEstimate / sPerWindow;
        assertThat(hBatchRatio).as("SPIN-H, batch sweep").isBetween(0.40, 0.75);
        assertThat(hWindowRatio).as("SPIN-H, window sweep").isBetween(0.40, 0.75);
        assertThat(hWindowRatio / hBatchRatio).as("SPIN-H, the sweeps agree").isBetween(0.9, 1.1);
        assertThat(sBatchRatio).as("SPIN, batch sweep").isBetween(0.40, 0.75);
    }

    @Test
    void aqi36DefaultsGive55092ParametersOn654Edges() {
        Path data = Path.of(System.getProperty("spinj.shared.data", "../../shared/data"));
        boolean present = Files.isDirectory(data.resolve("aqi36"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("shared data " + data.toAbsolutePath() + " is absent, and"
                    + " CI=true requires it");
        }
        assumeTrue(present, "shared data " + data.toAbsolutePath() + " is absent; skipping");
        CliRun r = CliRun.of("summary", "--model", "spin", "--dataset", "aqi36", "--data-dir",
                data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("N = 36 nodes, E = 654 edges").contains("Total params: 55,092")
                .contains("[2, 24, 654, 24, 32]");
    }
}
