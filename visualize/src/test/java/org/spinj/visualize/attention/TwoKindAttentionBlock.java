package org.spinj.visualize.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.listen.MessageListeners;
import org.spinj.graph.listen.MessageSource;

/**
 * A tiny attention model for tests: causal temporal self-attention per node, then spatial
 * attention over a fixed graph, both with the score {@code a * x_source} ({@code a} a learnable
 * scalar). With {@code report = false} it reports nothing. Input {@code x: [B, T, N]} -> output {@code [B, T, N]}. Reports one TEMPORAL record
 * ({@code "t.temporal"}, weights {@code [B, T, T, N]}) and one SPATIAL record ({@code
 * "s.spatial"}, weights {@code [B, T, E, 1]}).
 */
final class TwoKindAttentionBlock extends AbstractBlock implements MessageSource {

    private static final float MASKED = -1e9f;

    private final MessageListeners listeners = new MessageListeners();
    private final Parameter scale;
    private final EdgeIndex spatial;
    private final boolean report;

    TwoKindAttentionBlock(float a, EdgeIndex spatial, boolean report) {
        this.spatial = spatial;
        this.report = report;
        scale = addParameter(
                Parameter.builder()
                        .setName("a")
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(1))
                        .optInitializer(new ConstantInitializer(a))
                        .build());
    }

    /** Causal temporal edges over {@code steps} steps: {@code s -> t} for every {@code s <= t}. */
    static EdgeIndex causal(int steps) {
        int n = steps * (steps + 1) / 2;
        int[] src = new int[n];
        int[] tgt = new int[n];
        int e = 0;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s <= t; s++) {
                src[e] = s;
                tgt[e] = t;
                e++;
            }
        }
        return EdgeIndex.of(steps, src, tgt);
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        return listeners.add(listener);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head(); // x: [B, T, N] -> [B, T, N]
        NDManager m = x.getManager();
        int b = (int) x.getShape().get(0);
        int steps = (int) x.getShape().get(1);
        int n = (int) x.getShape().get(2);
        NDArray a = ps.getValue(scale, x.getDevice(), training);
        float[] causalMask = new float[steps * steps];
        for (int t = 0; t < steps; t++) {
            for (int s = t + 1; s < steps; s++) {
                causalMask[t * steps + s] = MASKED;
            }
        }
        NDArray xSrc = x.expandDims(1).repeat(1, steps); // [B, Tt, Ts, N]
        NDArray alphaT =
                xSrc.mul(a).add(m.create(causalMask, new Shape(1, steps, steps, 1))).softmax(2);
        NDArray y = alphaT.mul(xSrc).sum(new int[] {2}); // [B, T, N]
        if (report) {
            listeners.report(
                    () -> new AttentionRecord("t.temporal", AttentionKind.TEMPORAL, causal(steps),
                            null, alphaT.getShape(), xSrc.getShape(), alphaT.toFloatArray()));
        }

        float[] adjacency = new float[n * n];
        Arrays.fill(adjacency, MASKED);
        for (int e = 0; e < spatial.numEdges(); e++) {
            adjacency[spatial.target(e) * n + spatial.source(e)] = 0f;
        }
        NDArray ySrc = y.expandDims(2).repeat(2, n); // [B, T, Ni, Nj]
        NDArray alphaS =
                ySrc.mul(a).add(m.create(adjacency, new Shape(1, 1, n, n))).softmax(3);
        NDArray out = alphaS.mul(ySrc).sum(new int[] {3}); // [B, T, N]
        if (report) {
            listeners.report(() -> spatialRecord(alphaS.toFloatArray(), b, steps, n));
        }
        return new NDList(out);
    }

    private AttentionRecord spatialRecord(float[] dense, int b, int steps, int n) {
        int numEdges = spatial.numEdges();
        float[] w = new float[b * steps * numEdges];
        for (int bt = 0; bt < b * steps; bt++) {
            for (int e = 0; e < numEdges; e++) {
                w[bt * numEdges + e] =
                        dense[(bt * n + spatial.target(e)) * n + spatial.source(e)];
            }
        }
        return new AttentionRecord("s.spatial", AttentionKind.SPATIAL, spatial, null,
                new Shape(b, steps, numEdges, 1), new Shape(b, steps, numEdges, 1), w);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {}
}
