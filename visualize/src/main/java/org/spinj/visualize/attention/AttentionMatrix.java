package org.spinj.visualize.attention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A dense attention matrix {@code [R, C]}: row {@code r} is a target (query step or target node),
 * column {@code c} a source (key step or source node), together with the pairs the layer was
 * allowed to attend to. Entries outside the allowed pairs are zero.
 *
 * <pre>
 *            key / source c
 *          [ a00 a01 a02 ]
 *   query  [ a10 a11 a12 ]    each row of a softmax layer sums to 1,
 *   row r  [ a20 a21 a22 ]    or to 0 when nothing was allowed
 * </pre>
 *
 * <p>The statistics follow what users of the Python SPIN visualiser asked for: locality (mean
 * {@code |c - r|} weighted by attention), symmetry and entropy per row.
 */
public final class AttentionMatrix {

    private final double[][] values;
    private final boolean[][] allowed;

    private AttentionMatrix(double[][] values, boolean[][] allowed) {
        this.values = values;
        this.allowed = allowed;
    }

    /**
     * Creates a matrix, copying both arrays.
     *
     * @param values {@code [R, C]} finite weights, zero where not allowed
     * @param allowed {@code [R, C]} the pairs the layer could attend to
     * @return the matrix
     * @throws IllegalArgumentException if the arrays are ragged, differ in shape, hold a
     *     non-finite value or a non-zero value on a pair that is not allowed
     */
    public static AttentionMatrix of(double[][] values, boolean[][] allowed) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(allowed, "allowed");
        if (values.length == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("an attention matrix needs at least one entry");
        }
        if (allowed.length != values.length) {
            throw new IllegalArgumentException(
                    "values have " + values.length + " rows but allowed has " + allowed.length);
        }
        int cols = values[0].length;
        double[][] v = new double[values.length][];
        boolean[][] a = new boolean[values.length][];
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != cols || allowed[r].length != cols) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + values[r].length + " values and "
                                + allowed[r].length + " allowed flags, expected " + cols);
            }
            for (int c = 0; c < cols; c++) {
                if (!Double.isFinite(values[r][c])) {
                    throw new IllegalArgumentException(
                            "entry (" + r + ", " + c + ") is " + values[r][c]
                                    + ", expected a finite weight");
                }
                if (!allowed[r][c] && values[r][c] != 0) {
                    throw new IllegalArgumentException(
                            "entry (" + r + ", " + c + ") is " + values[r][c]
                                    + " but the pair is not allowed");
                }
            }
            v[r] = values[r].clone();
            a[r] = allowed[r].clone();
        }
        return new AttentionMatrix(v, a);
    }

    /** @return the number of rows {@code R} (targets) */
    public int rows() {
        return values.length;
    }

    /** @return the number of columns {@code C} (sources) */
    public int cols() {
        return values[0].length;
    }

    /**
     * @param row a target in {@code [0, R)}
     * @param col a source in {@code [0, C)}
     * @return the weight of {@code col -> row}
     */
    public double get(int row, int col) {
        return values[row][col];
    }

    /**
     * @param row a target in {@code [0, R)}
     * @param col a source in {@code [0, C)}
     * @return whether the layer could attend from {@code row} to {@code col}
     */
    public boolean isAllowed(int row, int col) {
        return allowed[row][col];
    }

    /** @return a copy of the weights, {@code [R, C]} */
    public double[][] values() {
        double[][] copy = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            copy[r] = values[r].clone();
        }
        return copy;
    }

    /** @return the largest weight (0 for an all-zero matrix) */
    public double max() {
        double m = 0;
        for (double[] row : values) {
            for (double x : row) {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    /** @return the sum of every row, {@code [R]}: 1 for a softmax row, 0 when fully masked */
    public double[] rowSums() {
        double[] s = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            for (double x : values[r]) {
                s[r] += x;
            }
        }
        return s;
    }

    /**
     * The mean attention every column receives, {@code [C]}: how much the queries look at each
     * key step (the band under a signal).
     *
     * @return the column means
     */
    public double[] columnMeans() {
        double[] m = new double[cols()];
        for (double[] row : values) {
            for (int c = 0; c < m.length; c++) {
                m[c] += row[c] / rows();
            }
        }
        return m;
    }

    /**
     * Locality of each row: {@code sum_c a[r][c] |c - r| / sum_c a[r][c]}, the mean distance
     * (in steps) from the query to the keys it attends to. Meaningful for temporal matrices.
     *
     * @return {@code [R]}; {@code NaN} for a row without attention (fully masked), by definition
     */
    public double[] rowLocality() {
        double[] loc = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            double num = 0;
            double den = 0;
            for (int c = 0; c < cols(); c++) {
                num += values[r][c] * Math.abs(c - r);
                den += values[r][c];
            }
            loc[r] = den > 0 ? num / den : Double.NaN;
        }
        return loc;
    }

    /**
     * Overall locality: {@code sum_rc a[r][c] |c - r| / sum_rc a[r][c]}.
     *
     * @return the attention-weighted mean distance, or 0 for an all-zero matrix
     */
    public double locality() {
        double num = 0;
        double den = 0;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) {
                num += values[r][c] * Math.abs(c - r);
                den += values[r][c];
            }
        }
        return den > 0 ? num / den : 0;
    }

    /**
     * Symmetry score {@code 1 - ||A - A^T||_F / (||A||_F + ||A^T||_F)}: 1 for a symmetric
     * matrix, {@code 1 - 1/sqrt(2)} (about 0.29) for a strictly triangular one, 1 for the zero
     * matrix.
     *
     * @return the score in {@code [0, 1]}
     * @throws IllegalStateException if the matrix is not square
     */
    public double symmetry() {
        if (rows() != cols()) {
            throw new IllegalStateException(
                    "symmetry needs a square matrix, got [" + rows() + ", " + cols() + "]");
        }
        double diff = 0;
        double norm = 0;
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) {
                double d = values[r][c] - values[c][r];
                diff += d * d;
                norm += values[r][c] * values[r][c];
            }
        }
        norm = Math.sqrt(norm);
        return norm == 0 ? 1 : 1 - Math.sqrt(diff) / (2 * norm);
    }

    /**
     * Shannon entropy of every row in nats, {@code -sum_c p log p} with {@code p} the row
     * normalised to sum 1: 0 when a row looks at one key, {@code log k} when it spreads evenly
     * over {@code k} keys; 0 for a fully masked row.
     *
     * @return {@code [R]} entropies
     */
    public double[] rowEntropy() {
        double[] sums = rowSums();
        double[] h = new double[rows()];
        for (int r = 0; r < rows(); r++) {
            for (double x : values[r]) {
                if (x > 0) {
                    double p = x / sums[r];
                    h[r] -= p * Math.log(p);
                }
            }
        }
        return h;
    }

    /**
     * The {@code k} allowed entries with the largest weights, largest first (ties by target,
     * then source).
     *
     * @param k how many, {@code >= 1}; fewer come back when fewer pairs are allowed
     * @return the edges {@code source (column) -> target (row)}
     */
    public List<WeightedEdge> topEdges(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        List<WeightedEdge> all = new ArrayList<>();
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) {
                if (allowed[r][c]) {
                    all.add(new WeightedEdge(c, r, values[r][c]));
                }
            }
        }
        all.sort(
                Comparator.comparingDouble(WeightedEdge::weight)
                        .reversed()
                        .thenComparingInt(WeightedEdge::target)
                        .thenComparingInt(WeightedEdge::source));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    @Override
    public String toString() {
        return "AttentionMatrix[" + rows() + " x " + cols() + ", max " + max() + "]";
    }
}
