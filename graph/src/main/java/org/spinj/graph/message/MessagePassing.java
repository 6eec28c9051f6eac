package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.AttentionKind;
import org.spinj.graph.listen.AttentionRecord;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageListener;
import org.spinj.graph.listen.MessageListeners;
import org.spinj.graph.listen.MessageSource;

/**
 * The base of every message-passing layer, after PyG's {@code MessagePassing}: \[ x'_i =
 * \gamma\big(x_i,\ \bigoplus_{j \to i} \phi(x_i, x_j, e_{ji})\big) \] where {@link #message} is
 * \(\phi\), {@link #aggregate} is \(\oplus\) and {@link #update} is \(\gamma\). Only {@link
 * #propagate} runs the steps, in that order. Messages flow from row 0 (sources, {@code j}) to row
 * 1 (targets, {@code i}) of the layer's {@link EdgeIndex}, which is fixed at construction.
 *
 * <p>Shapes: node tensors are {@code [B, T, N, C]} (or {@code [B, N, C]}, treated as {@code T =
 * 1}), edge tensors {@code [B, T, E, C]}.
 *
 * <h2>Writing a layer</h2>
 *
 * <ol>
 *   <li>Extend this class; pass the edge index, the {@link Aggregation}, the {@link Backend}
 *       ({@link Backend#AUTO} unless measuring) and a layer id to the constructor. Register
 *       parameters with {@code addParameter} and children with {@code addChildBlock} in your
 *       constructor, as any DJL {@link AbstractBlock}.
 *   <li>Override {@code forwardInternal}: check the input shape, compute whatever is cheaper on
 *       nodes than on edges (projections: {@code N} rows instead of {@code E}), then call {@link
 *       #propagate} with the node tensors to gather at the sources and at the targets.
 *   <li>Override {@link #message}: it receives those tensors gathered per edge ({@code xSrc}
 *       from sources, {@code xTgt} from targets, each {@code [B, T, E, *]}) and returns one
 *       message per edge, {@code [B, T, E, C']}.
 *   <li>Optionally override {@link #aggregate} (the default applies the layer's {@link
 *       Aggregation} and reports its edge weights to listeners) and {@link #update} (default:
 *       the aggregate unchanged).
 *   <li>Implement {@code getOutputShapes} and, if the layer has children, {@code
 *       initializeChildBlocks}. Give the layer a public static functional core that tests can
 *       call without a trainer.
 *   <li>An attention layer reports its weights with {@link #reportAttention} from {@code message}
 *       and overrides {@code aggregate} to sum without reporting aggregation weights.
 * </ol>
 *
 * <p>DJL has no scatter-add; the {@link AggregationBackend} chosen by {@link Backend} does the
 * reduction, on per-graph tensors cached once per device ({@link GraphTensors}).
 *
 * <p>Listeners ({@link MessageSource}): with none registered, reporting costs one emptiness
 * check; otherwise the weights are copied to Java once per forward pass.
 */
public abstract class MessagePassing extends AbstractBlock implements MessageSource {

    private final EdgeIndex edgeIndex;
    private final Aggregation aggregation;
    private final Backend backend;
    private final String layerId;

    /** The listeners of this layer; report through {@link #reportAttention}. */
    protected final MessageListeners listeners = new MessageListeners();

    /**
     * Creates the layer.
     *
     * @param version the block's serialisation version
     * @param edgeIndex the graph messages flow over
     * @param aggregation the reduction {@code ⊕}
     * @param backend the segment-sum backend
     * @param layerId the identifier in reported records
     */
    protected MessagePassing(
            byte version,
            EdgeIndex edgeIndex,
            Aggregation aggregation,
            Backend backend,
            String layerId) {
        super(version);
        this.edgeIndex = Objects.requireNonNull(edgeIndex, "edgeIndex");
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.layerId = Objects.requireNonNull(layerId, "layerId");
    }

    /** @return the graph messages flow over */
    public EdgeIndex edgeIndex() {
        return edgeIndex;
    }

    /** @return the reduction {@code ⊕} */
    public Aggregation aggregation() {
        return aggregation;
    }

    /** @return the backend as configured (possibly {@link Backend#AUTO}) */
    public Backend backend() {
        return backend;
    }

    /** @return the identifier in reported records */
    public String layerId() {
        return layerId;
    }

    /** {@inheritDoc} */
    @Override
    public ListenerRegistration addMessageListener(MessageListener listener) {
        return listeners.add(listener);
    }

    /**
     * The cached graph tensors on {@code x}'s device and type.
     *
     * @param x any tensor of the forward pass
     * @return the graph's tensors
     */
    protected GraphTensors graphTensors(NDArray x) {
        return GraphTensors.of(edgeIndex, x);
    }

    /**
     * Runs gather, {@link #message}, {@link #aggregate} and {@link #update}.
     *
     * @param ps the parameter store
     * @param srcNodes node tensors to gather at the sources, each {@code [B, T, N, *]}
     * @param tgtNodes node tensors to gather at the targets, each {@code [B, T, N, *]}
     * @param inputs the block's inputs, passed to {@link #update}
     * @param training whether this is a training pass
     * @return {@code [B, T, N, C']} the updated node features
     */
    protected final NDArray propagate(
            ParameterStore ps, NDList srcNodes, NDList tgtNodes, NDList inputs, boolean training) {
        NDArray first = srcNodes.isEmpty() ? tgtNodes.head() : srcNodes.head();
        GraphTensors graph = graphTensors(first);
        NDList xSrc = new NDList(srcNodes.size());
        for (NDArray x : srcNodes) {
            xSrc.add(graph.gatherSources(x)); // [B, T, N, *] -> [B, T, E, *]
        }
        NDList xTgt = new NDList(tgtNodes.size());
        for (NDArray x : tgtNodes) {
            xTgt.add(graph.gatherTargets(x));
        }
        NDArray messages = message(ps, xSrc, xTgt, graph, training);
        NDArray aggregated = aggregate(messages, graph);
        return update(ps, aggregated, inputs, training);
    }

    /**
     * Computes one message per edge ({@code φ}).
     *
     * @param ps the parameter store
     * @param xSrc the source tensors gathered per edge, each {@code [B, T, E, *]}
     * @param xTgt the target tensors gathered per edge, each {@code [B, T, E, *]}
     * @param graph the graph's tensors
     * @param training whether this is a training pass
     * @return {@code [B, T, E, C']} messages
     */
    protected abstract NDArray message(
            ParameterStore ps, NDList xSrc, NDList xTgt, GraphTensors graph, boolean training);

    /**
     * Reduces messages into targets ({@code ⊕}) with the layer's {@link Aggregation}, and reports
     * the weight each message received to listeners, if any.
     *
     * @param messages {@code [B, T, E, C']}
     * @param graph the graph's tensors
     * @return {@code [B, T, N, C']}
     */
    protected NDArray aggregate(NDArray messages, GraphTensors graph) {
        AggregationBackend impl = aggregationBackend(graph);
        NDArray out = aggregation.aggregate(messages, graph, impl);
        if (!listeners.isEmpty()) {
            NDArray weights = aggregation.edgeWeights(messages.stopGradient(), graph, impl);
            reportAttention(weights, messages.getShape());
            weights.close();
        }
        return out;
    }

    /**
     * Combines the aggregate with the node inputs ({@code γ}); the default returns the aggregate.
     *
     * @param ps the parameter store
     * @param aggregated {@code [B, T, N, C']}
     * @param inputs the block's inputs
     * @param training whether this is a training pass
     * @return {@code [B, T, N, C'']}
     */
    protected NDArray update(
            ParameterStore ps, NDArray aggregated, NDList inputs, boolean training) {
        return aggregated;
    }

    /**
     * The backend implementation for a graph, {@link Backend#AUTO} resolved.
     *
     * @param graph the graph's tensors
     * @return the implementation
     */
    protected AggregationBackend aggregationBackend(GraphTensors graph) {
        return backend.create(graph);
    }

    /**
     * Reports weights to the listeners as a {@link AttentionKind#SPATIAL} record; the copy out of
     * native memory happens only when someone listens.
     *
     * @param weights {@code [B, T, E, H]} (or {@code [B, E, H]}, reported with {@code T = 1})
     * @param messageShape the shape of the messages the weights multiplied
     */
    protected final void reportAttention(NDArray weights, Shape messageShape) {
        listeners.report(
                () -> {
                    Shape s = weights.getShape();
                    Shape shape =
                            s.dimension() == 3 ? new Shape(s.get(0), 1, s.get(1), s.get(2)) : s;
                    float[] data;
                    if (weights.getDataType() == DataType.FLOAT32) {
                        data = weights.toFloatArray();
                    } else {
                        try (NDArray f = weights.toType(DataType.FLOAT32, true)) {
                            data = f.toFloatArray();
                        }
                    }
                    return new AttentionRecord(
                            layerId, AttentionKind.SPATIAL, edgeIndex, null, shape, messageShape,
                            data);
                });
    }

    /**
     * Checks a node tensor's shape at the layer boundary.
     *
     * @param x the tensor
     * @param name its name in the message
     * @param channels the expected channels, or -1 for any
     */
    protected void checkNodeInput(NDArray x, String name, long channels) {
        Shape s = x.getShape();
        int r = s.dimension();
        if ((r != 3 && r != 4)
                || s.get(r - 2) != edgeIndex.numNodes()
                || (channels >= 0 && s.get(r - 1) != channels)) {
            throw new IllegalArgumentException(
                    name + " must be [B, T, N, C] or [B, N, C] with N = " + edgeIndex.numNodes()
                            + (channels >= 0 ? ", C = " + channels : "") + ", got " + s);
        }
    }
}
