package org.spinj.temporal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;

/**
 * A learnable table of node embeddings {@code [N, d]}, tsl's {@code StaticGraphEmbedding}
 * (spin.md §1.2), initialised {@code U(-1/sqrt(d), 1/sqrt(d))}. SPIN's models own several such
 * tables (node, valid and mask embeddings) as parameters of their own blocks and read the whole
 * table in their forward pass ({@code ps.getValue(parameter, device, training)}), so the concept
 * is the parameter, made here.
 */
public final class NodeEmbedding {

    private NodeEmbedding() {}

    /**
     * Creates the table's parameter, for a block to {@code addParameter}. The initializer is set
     * on the parameter itself, so it holds unless the block later calls {@code setInitializer}
     * for weights.
     *
     * @param name the parameter name, e.g. {@code "node_emb"}
     * @param numNodes {@code N >= 1}
     * @param channels {@code d >= 1}
     * @return a weight parameter of shape {@code [N, d]} with a {@code U(+-1/sqrt(d))}
     *     initializer
     * @throws IllegalArgumentException if a size is below 1 or the name is blank
     */
    public static Parameter parameter(String name, int numNodes, int channels) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + name);
        }
        if (numNodes < 1 || channels < 1) {
            throw new IllegalArgumentException(
                    "numNodes and channels must be >= 1, got numNodes=" + numNodes
                            + ", channels=" + channels);
        }
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(numNodes, channels))
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(channels))))
                .build();
    }
}
