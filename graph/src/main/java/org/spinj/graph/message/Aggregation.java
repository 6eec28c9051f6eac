package org.spinj.graph.message;

import ai.djl.ndarray.NDArray;

/**
 * How edge messages are reduced into their targets ({@code ⊕} in {@link MessagePassing}). Every
 * reduction gives exactly 0 to a node without incoming edges.
 */
public enum Aggregation {
    /** \( \sum_{j \to i} m_{ji} \). */
    SUM,
    /** \( \frac{1}{\deg(i)} \sum_{j \to i} m_{ji} \). */
    MEAN,
    /** Channel-wise \( \max_{j \to i} m_{ji} \). */
    MAX,
    /**
     * Channel-wise softmax-weighted sum (PyG's {@code SoftmaxAggregation}, {@code t = 1}): \(
     * \sum_{j \to i} \mathrm{softmax}_j(m_{ji}) \, m_{ji} \).
     */
    SOFTMAX;

    /**
     * Reduces messages into targets.
     *
     * @param messages {@code [..., E, C]}
     * @param graph the graph's tensors
     * @param backend the backend that reduces
     * @return {@code [..., N, C]}
     */
    public NDArray aggregate(NDArray messages, GraphTensors graph, AggregationBackend backend) {
        switch (this) {
            case SUM:
                return backend.sum(messages, graph);
            case MEAN:
                return backend.sum(messages, graph).mul(graph.inverseDegree());
            case MAX:
                return backend.max(messages, graph);
            case SOFTMAX:
                NDArray alpha = EdgeSoftmax.softmax(messages, graph, backend);
                return backend.sum(messages.mul(alpha), graph);
            default:
                throw new IllegalStateException("unknown aggregation " + this);
        }
    }

    /**
     * The weight each edge's message receives in {@link #aggregate}, as reported to listeners:
     * 1 for SUM, {@code 1/deg(i)} for MEAN, 1 where the edge attains the maximum for MAX, the
     * softmax coefficients for SOFTMAX.
     *
     * @param messages {@code [..., E, C]}
     * @param graph the graph's tensors
     * @param backend the backend that reduces
     * @return {@code [..., E, 1]} for SUM and MEAN, {@code [..., E, C]} otherwise
     */
    public NDArray edgeWeights(NDArray messages, GraphTensors graph, AggregationBackend backend) {
        NDArray ones =
                messages.getManager()
                        .ones(
                                messages.getShape()
                                        .slice(0, messages.getShape().dimension() - 1)
                                        .add(1),
                                messages.getDataType());
        switch (this) {
            case SUM:
                return ones;
            case MEAN:
                return ones.mul(graph.targetInverseDegree());
            case MAX:
                return messages.eq(graph.gatherTargets(backend.max(messages, graph)))
                        .toType(messages.getDataType(), false);
            case SOFTMAX:
                return EdgeSoftmax.softmax(messages, graph, backend);
            default:
                throw new IllegalStateException("unknown aggregation " + this);
        }
    }
}
