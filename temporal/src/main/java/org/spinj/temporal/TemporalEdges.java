package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;
import org.spinj.graph.EdgeIndex;

/**
 * The allowed (source step {@code s} → target step {@code t}) pairs of a window of {@code T}
 * steps: the edge set of a "graph" whose nodes are time steps. Immutable.
 *
 * <p>As a mask it is a boolean {@code [T, T]} matrix with <b>rows = target {@code t}</b> and
 * <b>columns = source {@code s}</b>; as an {@link EdgeIndex} over {@code T} nodes its edges go
 * source step → target step, listed row by row (target-major, then source ascending). Both views
 * round-trip exactly, so the visualiser can rebuild a {@code [T, T]} attention matrix from a
 * recorded index.
 *
 * <pre>
 *   full(3, true)   full(3, false)  causal(3, 1)    maxDistance(3, 1)
 *   t\s 0 1 2       t\s 0 1 2       t\s 0 1 2       t\s 0 1 2
 *    0  x x x        0  . x x        0  . . .        0  x x .
 *    1  x x x        1  x . x        1  x . .        1  x x x
 *    2  x x x        2  x x .        2  x x .        2  . x x
 * </pre>
 *
 * Rules combine by intersection: {@code causal(T, 0).intersect(maxDistance(T, 2))} keeps {@code
 * t - 2 <= s <= t}. SPIN uses {@code full(T, true)} for its spatial cross-attention and {@code
 * full(T, false)} ({@code ~eye(T)}) for its temporal self-attention (Marisca et al. 2022).
 */
public final class TemporalEdges {

    private final int numSteps;
    private final boolean[] allowed; // row-major [target][source]

    private TemporalEdges(int numSteps, boolean[] allowed) {
        this.numSteps = numSteps;
        this.allowed = allowed;
    }

    private static void checkSteps(int numSteps) {
        if (numSteps <= 0) {
            throw new IllegalArgumentException(
                    "the number of steps T must be > 0, got T = " + numSteps);
        }
    }

    /**
     * Every source step to every target step.
     *
     * @param numSteps the window length {@code T > 0}
     * @param selfPairs whether the pairs {@code s = t} are included ({@code T²} pairs) or not
     *     ({@code T(T-1)} pairs)
     * @return the pair set
     * @throws IllegalArgumentException if {@code T <= 0}
     */
    public static TemporalEdges full(int numSteps, boolean selfPairs) {
        checkSteps(numSteps);
        boolean[] a = new boolean[numSteps * numSteps];
        for (int t = 0; t < numSteps; t++) {
            for (int s = 0; s < numSteps; s++) {
                a[t * numSteps + s] = selfPairs || s != t;
            }
        }
        return new TemporalEdges(numSteps, a);
    }

    /**
     * Causal pairs: target {@code t} sees the sources {@code s <= t - lag}.
     *
     * @param numSteps the window length {@code T > 0}
     * @param lag the minimum delay {@code >= 0}; 0 keeps the self-pairs, 1 the strict past
     * @return the pair set ({@code (T-lag)(T-lag+1)/2} pairs when {@code lag < T})
     * @throws IllegalArgumentException if {@code T <= 0} or {@code lag < 0}
     */
    public static TemporalEdges causal(int numSteps, int lag) {
        checkSteps(numSteps);
        if (lag < 0) {
            throw new IllegalArgumentException("the causal lag must be >= 0, got " + lag);
        }
        boolean[] a = new boolean[numSteps * numSteps];
        for (int t = 0; t < numSteps; t++) {
            for (int s = 0; s < numSteps; s++) {
                a[t * numSteps + s] = s <= t - lag;
            }
        }
        return new TemporalEdges(numSteps, a);
    }

    /**
     * Local pairs: target {@code t} sees the sources {@code |s - t| <= distance}.
     *
     * @param numSteps the window length {@code T > 0}
     * @param distance the maximum distance {@code >= 0}; 0 keeps only the self-pairs
     * @return the pair set
     * @throws IllegalArgumentException if {@code T <= 0} or {@code distance < 0}
     */
    public static TemporalEdges maxDistance(int numSteps, int distance) {
        checkSteps(numSteps);
        if (distance < 0) {
            throw new IllegalArgumentException("the maximum distance must be >= 0, got " + distance);
        }
        boolean[] a = new boolean[numSteps * numSteps];
        for (int t = 0; t < numSteps; t++) {
            for (int s = 0; s < numSteps; s++) {
                a[t * numSteps + s] = Math.abs(s - t) <= distance;
            }
        }
        return new TemporalEdges(numSteps, a);
    }

    /**
     * Builds a pair set from a {@code [T, T]} mask (rows = target, columns = source).
     *
     * @param mask a square matrix, {@code mask[t][s]} true when {@code s -> t} is allowed; copied
     * @return the pair set
     * @throws IllegalArgumentException if the mask is empty or not square
     */
    public static TemporalEdges fromMask(boolean[][] mask) {
        Objects.requireNonNull(mask, "mask");
        checkSteps(mask.length);
        int n = mask.length;
        boolean[] a = new boolean[n * n];
        for (int t = 0; t < n; t++) {
            Objects.requireNonNull(mask[t], "mask row " + t);
            if (mask[t].length != n) {
                throw new IllegalArgumentException(
                        "mask must be square [T, T] with T = "
                                + n
                                + ", row "
                                + t
                                + " has "
                                + mask[t].length
                                + " columns");
            }
            System.arraycopy(mask[t], 0, a, t * n, n);
        }
        return new TemporalEdges(n, a);
    }

    /**
     * Builds a pair set from a {@code [T, T]} mask array (rows = target, columns = source).
     *
     * @param mask {@code [T, T]} boolean, or numeric with non-zero = allowed
     * @return the pair set
     * @throws IllegalArgumentException if the array is not square 2-D
     */
    public static TemporalEdges fromMask(NDArray mask) {
        Objects.requireNonNull(mask, "mask");
        Shape s = mask.getShape();
        if (s.dimension() != 2 || s.get(0) != s.get(1)) {
            throw new IllegalArgumentException("expected a [T, T] mask, got " + s);
        }
        int n = (int) s.get(0);
        checkSteps(n);
        boolean[] flat =
                mask.getDataType() == DataType.BOOLEAN
                        ? mask.toBooleanArray()
                        : mask.neq(0).toBooleanArray();
        return new TemporalEdges(n, flat);
    }

    /**
     * Builds a pair set from an edge index over {@code T} step-nodes (row 0 source step, row 1
     * target step). Duplicate edges collapse to one pair.
     *
     * @param index an edge index whose {@code numNodes()} is {@code T}
     * @return the pair set
     */
    public static TemporalEdges fromEdgeIndex(EdgeIndex index) {
        Objects.requireNonNull(index, "index");
        int n = index.numNodes();
        boolean[] a = new boolean[n * n];
        for (int e = 0; e < index.numEdges(); e++) {
            a[index.target(e) * n + index.source(e)] = true;
        }
        return new TemporalEdges(n, a);
    }

    /** @return the window length {@code T} */
    public int numSteps() {
        return numSteps;
    }

    /** @return the number of allowed pairs */
    public int numPairs() {
        int c = 0;
        for (boolean b : allowed) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /**
     * The largest distance {@code |s - t|} of an allowed pair: every pair lies in the band {@code
     * t - reach <= s <= t + reach}, which lets attention compute {@code 2 reach + 1} offsets per
     * target instead of {@code T} sources.
     *
     * @return the reach, {@code 0} when only self-pairs (or no pairs) are allowed
     */
    public int reach() {
        int r = 0;
        for (int t = 0; t < numSteps; t++) {
            for (int s = 0; s < numSteps; s++) {
                if (allowed[t * numSteps + s]) {
                    r = Math.max(r, Math.abs(s - t));
                }
            }
        }
        return r;
    }

    /**
     * The pairs as a band: entry {@code [t, o]} is 1 when source {@code s = t + o - reach} exists
     * ({@code 0 <= s < T}) and {@code s -> t} is allowed.
     *
     * @param manager the owner of the new array
     * @param reach the half-width of the band, at least {@link #reach()}
     * @param dataType a floating type
     * @return {@code [T, 2 reach + 1]} of {@code dataType}
     * @throws IllegalArgumentException if an allowed pair lies outside the band
     */
    public NDArray toBandMaskArray(NDManager manager, int reach, DataType dataType) {
        if (reach < reach()) {
            throw new IllegalArgumentException(
                    "a band of reach " + reach + " misses pairs " + reach() + " steps apart");
        }
        int w = 2 * reach + 1;
        float[] f = new float[numSteps * w];
        for (int t = 0; t < numSteps; t++) {
            for (int o = 0; o < w; o++) {
                int s = t + o - reach;
                f[t * w + o] = s >= 0 && s < numSteps && allowed[t * numSteps + s] ? 1f : 0f;
            }
        }
        return floats(manager, f, new Shape(numSteps, w), dataType);
    }

    /**
     * @param target the target step {@code t} in {@code [0, T)}
     * @param source the source step {@code s} in {@code [0, T)}
     * @return whether {@code s -> t} is allowed
     * @throws IllegalArgumentException if a step is out of range
     */
    public boolean allows(int target, int source) {
        if (target < 0 || target >= numSteps || source < 0 || source >= numSteps) {
            throw new IllegalArgumentException(
                    "steps must lie in [0, " + numSteps + "), got target " + target
                            + ", source " + source);
        }
        return allowed[target * numSteps + source];
    }

    /**
     * Keeps the pairs allowed by both sets.
     *
     * @param other a pair set over the same {@code T}
     * @return the intersection
     * @throws IllegalArgumentException if the window lengths differ
     */
    public TemporalEdges intersect(TemporalEdges other) {
        Objects.requireNonNull(other, "other");
        if (other.numSteps != numSteps) {
            throw new IllegalArgumentException(
                    "cannot intersect pair sets over T = " + numSteps + " and T = "
                            + other.numSteps);
        }
        boolean[] a = new boolean[allowed.length];
        for (int k = 0; k < a.length; k++) {
            a[k] = allowed[k] && other.allowed[k];
        }
        return new TemporalEdges(numSteps, a);
    }

    /** @return the same pairs without the self-pairs {@code s = t} */
    public TemporalEdges withoutSelfPairs() {
        return intersect(full(numSteps, false));
    }

    /** @return a fresh {@code [T][T]} mask, {@code mask[t][s]} (rows = target, cols = source) */
    public boolean[][] toMask() {
        boolean[][] m = new boolean[numSteps][];
        for (int t = 0; t < numSteps; t++) {
            m[t] = Arrays.copyOfRange(allowed, t * numSteps, (t + 1) * numSteps);
        }
        return m;
    }

    /**
     * Creates the mask as an array.
     *
     * @param manager the owner of the new array
     * @return {@code [T, T]} boolean, rows = target, columns = source
     */
    public NDArray toMaskArray(NDManager manager) {
        return manager.create(allowed.clone(), new Shape(numSteps, numSteps));
    }

    /**
     * Creates the mask as 0/1 values of a floating type (for multiplicative or additive masking).
     *
     * @param manager the owner of the new array
     * @param dataType FLOAT32 or FLOAT64 (any type {@code create(float[])} can be cast to)
     * @return {@code [T, T]} of {@code dataType}, 1 where allowed
     */
    public NDArray toMaskArray(NDManager manager, DataType dataType) {
        float[] f = new float[allowed.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = allowed[k] ? 1f : 0f;
        }
        return floats(manager, f, new Shape(numSteps, numSteps), dataType);
    }

    /** 0/1 values as an array of a floating type (created as float32, then cast). */
    private static NDArray floats(NDManager manager, float[] f, Shape shape, DataType dataType) {
        NDArray a = manager.create(f, shape);
        if (dataType == DataType.FLOAT32) {
            return a;
        }
        NDArray cast = a.toType(dataType, false);
        a.close();
        return cast;
    }

    /**
     * The pairs as an edge index over {@code T} step-nodes: row 0 = source step, row 1 = target
     * step, ordered by target then source (the row-major order of the mask).
     *
     * @return the index with {@link #numPairs()} edges
     */
    public EdgeIndex toEdgeIndex() {
        int e = numPairs();
        int[] src = new int[e];
        int[] tgt = new int[e];
        int k = 0;
        for (int t = 0; t < numSteps; t++) {
            for (int s = 0; s < numSteps; s++) {
                if (allowed[t * numSteps + s]) {
                    src[k] = s;
                    tgt[k] = t;
                    k++;
                }
            }
        }
        return EdgeIndex.of(numSteps, src, tgt);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TemporalEdges)) {
            return false;
        }
        TemporalEdges other = (TemporalEdges) o;
        return numSteps == other.numSteps && Arrays.equals(allowed, other.allowed);
    }

    @Override
    public int hashCode() {
        return 31 * numSteps + Arrays.hashCode(allowed);
    }

    @Override
    public String toString() {
        return "TemporalEdges[T=" + numSteps + ", pairs=" + numPairs() + "]";
    }
}
