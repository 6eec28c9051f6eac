package org.spinj.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An estimate, from tensor shapes alone, of the fp32 activations one SPIN training step keeps
 * alive for the backward pass (DJL frees a forward result only when the batch's manager closes).
 *
 * <p>Per SPIN layer the terms are read off {@code SpinLayer} and {@code
 * TemporalAdditiveAttention}'s factored path, whose autograd keeps two pair tensors per attention,
 * {@code relu(z)} and {@code relu(h1)} ({@code z} and {@code h1} themselves are freed):
 *
 * <pre>
 *   cross-attention (per spatial edge):  2 x [B, T, E, T, d]   pair tensors
 *                                       ~{@value #PAIR_SCORES} x [B, T, E, T]      gate terms, softmax
 *                                       ~{@value #CHANNEL_TENSORS} x [B, T, E, d]  gathered projections, pooled sums
 *   self-attention (per node):           2 x [B, T, N, T, d]
 *                                       ~{@value #PAIR_SCORES} x [B, T, N, T]
 *                                       ~{@value #CHANNEL_TENSORS} x [B, T, N, d]
 *   rest of the layer:                  ~{@value #LAYER_NODE_TENSORS} x [B, T, N, d]  projections, skips, norm, readout
 * </pre>
 *
 * plus ~{@value #ENCODER_NODE_TENSORS} {@code [B, T, N, d]} tensors of the input encoder. The
 * counts marked {@code ~} are approximate (they count the op results of the forward pass); the
 * pair tensors dominate as soon as {@code E T} is large. The backward pass briefly adds the
 * gradients of one attention's pair tensors ({@link #backwardPeakBytes()}). On AQI-36 the
 * estimate per window is 44% of the peak-memory growth per window that {@code bench scaling}
 * measured (the backward pass also holds gradients); {@code SummaryCommandTest} checks it, and
 * {@link HierarchicalActivationEstimate} applies the same method to SPIN-H.
 *
 * @param batch windows in one forward pass {@code B}
 * @param steps window length {@code T}
 * @param nodes nodes {@code N}
 * @param edges spatial edges {@code E}
 * @param hidden hidden size {@code d}
 * @param layers SPIN layers {@code L}
 */
public record ActivationEstimate(int batch, int steps, int nodes, int edges, int hidden, int layers) {

    /** Approximate {@code [B, T, M, T]} tensors per attention (5 gate terms, 5 of the softmax). */
    public static final int PAIR_SCORES = 10;

    /** Approximate {@code [B, T, M, d]} tensors per attention. */
    public static final int CHANNEL_TENSORS = 16;

    /** Approximate {@code [B, T, N, d]} tensors per layer outside its two attentions. */
    public static final int LAYER_NODE_TENSORS = 18;

    /** Approximate {@code [B, T, N, d]} tensors of the input encoder (positional code, LayerNorm). */
    public static final int ENCODER_NODE_TENSORS = 20;

    /** Checks the sizes. */
    public ActivationEstimate {
        if (batch < 1 || steps < 1 || nodes < 1 || edges < 0 || hidden < 1 || layers < 1) {
            throw new IllegalArgumentException(
                    "expected B, T, N, d, L >= 1 and E >= 0, got B=" + batch + ", T=" + steps
                            + ", N=" + nodes + ", E=" + edges + ", d=" + hidden + ", L=" + layers);
        }
    }

    /**
     * One line of the estimate.
     *
     * @param what what the tensors are
     * @param shape their shape, e.g. {@code [2, 24, 654, 24, 32]}
     * @param count how many of them (all layers together)
     * @param elements scalars of one tensor
     */
    public record Term(String what, String shape, long count, long elements) {

        /** @return fp32 bytes of all {@code count} tensors */
        public long bytes() {
            return count * elements * Float.BYTES;
        }
    }

    /** @return the terms, all layers together */
    public List<Term> terms() {
        long b = batch;
        long t = steps;
        long n = nodes;
        long e = edges;
        long d = hidden;
        List<Term> out = new ArrayList<>();
        out.add(new Term("cross-attention pair tensors relu(z), relu(h1)",
                shape(b, t, e, t, d), 2L * layers, b * t * e * t * d));
        out.add(new Term("cross-attention pair scores (approx.)", shape(b, t, e, t),
                (long) PAIR_SCORES * layers, b * t * e * t));
        out.add(new Term("cross-attention edge tensors (approx.)", shape(b, t, e, d),
                (long) CHANNEL_TENSORS * layers, b * t * e * d));
        out.add(new Term("self-attention pair tensors relu(z), relu(h1)",
                shape(b, t, n, t, d), 2L * layers, b * t * n * t * d));
        out.add(new Term("self-attention pair scores (approx.)", shape(b, t, n, t),
                (long) PAIR_SCORES * layers, b * t * n * t));
        out.add(new Term("node tensors (approx.)", shape(b, t, n, d),
                (long) (CHANNEL_TENSORS + LAYER_NODE_TENSORS) * layers + ENCODER_NODE_TENSORS,
                b * t * n * d));
        return out;
    }

    /** @return fp32 bytes of every term */
    public long activationBytes() {
        return terms().stream().mapToLong(Term::bytes).sum();
    }

    /**
     * @return fp32 bytes the backward pass adds for a moment: the gradients of the two pair
     *     tensors of the largest attention
     */
    public long backwardPeakBytes() {
        long m = Math.max(edges, nodes);
        return 2L * batch * steps * m * steps * hidden * Float.BYTES;
    }

    /**
     * @param batchSize another {@code B}
     * @return this estimate for that batch size
     */
    public ActivationEstimate withBatch(int batchSize) {
        return new ActivationEstimate(batchSize, steps, nodes, edges, hidden, layers);
    }

    /**
     * @param dims a shape
     * @return it as {@code [2, 24, 654]}
     */
    static String shape(long... dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < dims.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(dims[k]);
        }
        return sb.append(']').toString();
    }

    /**
     * @param bytes a size
     * @return it in B, KiB, MiB or GiB with one decimal, e.g. {@code 1.5 GiB}
     */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
