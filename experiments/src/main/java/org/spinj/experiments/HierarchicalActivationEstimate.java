package org.spinj.experiments;

import java.util.ArrayList;
import java.util.List;

/**
 * An estimate, from tensor shapes alone, of the fp32 activations one SPIN-H training step keeps
 * alive for the backward pass: {@link ActivationEstimate}'s method applied to {@code
 * SpinHierarchicalModel} and {@code HierarchicalSpinLayer}. Each layer runs three factored
 * attentions, each keeping two pair tensors ({@code relu(z)} of the attention's width and {@code
 * relu(h1)} of its message width {@code h}), but the pairs join {@code T} steps to {@code K}
 * hubs instead of {@code T} steps to {@code T} steps:
 *
 * <pre>
 *   hubs read steps  (per node):       [B, K, N, T, z] + [B, K, N, T, h]   pair tensors
 *   steps read hubs  (per node):   2 x [B, T, N, K, h]
 *   cross-attention  (per edge):   2 x [B, T, E, K, h]
 *                                 ~{@value ActivationEstimate#PAIR_SCORES} x [B, T, M, K] per attention  gate terms, softmax
 *   edge tensors:                 ~{@value #EDGE_TENSORS} x [B, T, E, h]  cross-attention pooling, gathers, messages, alpha
 *   step tokens:                  ~{@value #NODE_TENSORS} x [B, T, N, h]  two attentions' pooling, skips, norms
 *   readout:                      ~{@value #READOUT_TENSORS} x [B, T, N, z]  MLP(z, 2 layers)
 *   hub tokens:                   ~{@value #HUB_TENSORS} x [B, K, N, z]  norms, skips
 * </pre>
 *
 * plus ~{@value ActivationEstimate#ENCODER_NODE_TENSORS} {@code [B, T, N, h]} tensors of the
 * encoder. Everything is linear in {@code T} (the paper's {@code O((N + E) K T)}); the {@code
 * [B, T, E, h]} edge tensors dominate on a graph with many more edges than nodes. On AQI-36 the
 * estimate is 60% of the peak-memory growth per window and 64% of that per step that {@code
 * bench scaling} measured (SPIN's: 44%; the backward pass also holds gradients); {@code
 * SummaryCommandTest} checks both.
 *
 * @param batch windows in one forward pass {@code B}
 * @param steps window length {@code T}
 * @param nodes nodes {@code N}
 * @param edges spatial edges {@code E}
 * @param hidden step-token size {@code h}
 * @param hubSize hub-token size {@code z}
 * @param hubs hubs per node {@code K}
 * @param layers SPIN-H layers {@code L}
 */
public record HierarchicalActivationEstimate(
        int batch, int steps, int nodes, int edges, int hidden, int hubSize, int hubs,
        int layers) {

    /**
     * Approximate {@code [B, T, E, h]} tensors per layer: the cross-attention's per-target
     * tensors ({@value ActivationEstimate#CHANNEL_TENSORS}) and six of the layer (the gathered
     * target projection and skip, the messages, scores, weighted messages).
     */
    public static final int EDGE_TENSORS = ActivationEstimate.CHANNEL_TENSORS + 6;

    /**
     * Approximate {@code [B, T, N, h]} tensors per layer: the per-target tensors of the two
     * node attentions and {@value ActivationEstimate#LAYER_NODE_TENSORS} of the rest.
     */
    public static final int NODE_TENSORS =
            2 * ActivationEstimate.CHANNEL_TENSORS + ActivationEstimate.LAYER_NODE_TENSORS;

    /** {@code [B, T, N, z]} tensors of a readout: two Linear outputs and their ReLUs. */
    public static final int READOUT_TENSORS = 4;

    /** Approximate {@code [B, K, N, z]} tensors per layer: hub projections, skips, two norms. */
    public static final int HUB_TENSORS = 10;

    /** Checks the sizes. */
    public HierarchicalActivationEstimate {
        if (batch < 1 || steps < 1 || nodes < 1 || edges < 0 || hidden < 1 || hubSize < 1
                || hubs < 1 || layers < 1) {
            throw new IllegalArgumentException(
                    "expected B, T, N, h, z, K, L >= 1 and E >= 0, got B=" + batch + ", T="
                            + steps + ", N=" + nodes + ", E=" + edges + ", h=" + hidden + ", z="
                            + hubSize + ", K=" + hubs + ", L=" + layers);
        }
    }

    /** @return the terms, all layers together */
    public List<ActivationEstimate.Term> terms() {
        long b = batch;
        long t = steps;
        long n = nodes;
        long e = edges;
        long h = hidden;
        long z = hubSize;
        long k = hubs;
        long l = layers;
        long scores = ActivationEstimate.PAIR_SCORES;
        List<ActivationEstimate.Term> out = new ArrayList<>();
        out.add(new ActivationEstimate.Term("hubs-read-steps pair tensor relu(z)",
                ActivationEstimate.shape(b, k, n, t, z), l, b * k * n * t * z));
        out.add(new ActivationEstimate.Term("hubs-read-steps pair tensor relu(h1)",
                ActivationEstimate.shape(b, k, n, t, h), l, b * k * n * t * h));
        out.add(new ActivationEstimate.Term("steps-read-hubs pair tensors relu(z), relu(h1)",
                ActivationEstimate.shape(b, t, n, k, h), 2 * l, b * t * n * k * h));
        out.add(new ActivationEstimate.Term("cross-attention pair tensors relu(z), relu(h1)",
                ActivationEstimate.shape(b, t, e, k, h), 2 * l, b * t * e * k * h));
        out.add(new ActivationEstimate.Term("node pair scores (approx.)", ActivationEstimate.shape(b, t, n, k),
                2 * scores * l, b * t * n * k));
        out.add(new ActivationEstimate.Term("cross-attention pair scores (approx.)",
                ActivationEstimate.shape(b, t, e, k), scores * l, b * t * e * k));
        out.add(new ActivationEstimate.Term("edge tensors (approx.)", ActivationEstimate.shape(b, t, e, h),
                EDGE_TENSORS * l, b * t * e * h));
        out.add(new ActivationEstimate.Term("step-token tensors (approx.)", ActivationEstimate.shape(b, t, n, h),
                NODE_TENSORS * l + ActivationEstimate.ENCODER_NODE_TENSORS, b * t * n * h));
        out.add(new ActivationEstimate.Term("readout tensors", ActivationEstimate.shape(b, t, n, z),
                READOUT_TENSORS * l, b * t * n * z));
        out.add(new ActivationEstimate.Term("hub tensors (approx.)", ActivationEstimate.shape(b, k, n, z),
                HUB_TENSORS * l, b * k * n * z));
        return out;
    }

    /** @return fp32 bytes of every term */
    public long activationBytes() {
        return terms().stream().mapToLong(ActivationEstimate.Term::bytes).sum();
    }

    /**
     * @return fp32 bytes the backward pass adds for a moment: the gradients of the largest
     *     attention's two pair tensors
     */
    public long backwardPeakBytes() {
        long hubsReadSteps = (long) batch * hubs * nodes * steps * (hubSize + hidden);
        long cross = 2L * batch * steps * edges * hubs * hidden;
        return Math.max(hubsReadSteps, cross) * Float.BYTES;
    }

    /**
     * @param batchSize another {@code B}
     * @return this estimate for that batch size
     */
    public HierarchicalActivationEstimate withBatch(int batchSize) {
        return new HierarchicalActivationEstimate(batchSize, steps, nodes, edges, hidden, hubSize,
                hubs, layers);
    }
}
