package org.spinj.visualize.attention;

/**
 * One entry of an attention matrix as an edge: {@code source -> target} with its weight.
 *
 * @param source the source (column: key step or source node)
 * @param target the target (row: query step or target node)
 * @param weight the attention weight, finite
 */
public record WeightedEdge(int source, int target, double weight) {

    /** Validates the indices and the weight. */
    public WeightedEdge {
        if (source < 0 || target < 0) {
            throw new IllegalArgumentException(
                    "source and target must be >= 0, got source=" + source + ", target=" + target);
        }
        if (!Double.isFinite(weight)) {
            throw new IllegalArgumentException(
                    "edge " + source + " -> " + target + " has weight " + weight
                            + ", expected a finite value");
        }
    }
}
