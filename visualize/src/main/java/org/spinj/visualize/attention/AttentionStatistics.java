package org.spinj.visualize.attention;

import java.util.List;
import java.util.Objects;

/**
 * The summary statistics users of the Python SPIN visualiser read off a temporal attention
 * matrix: is it local, is it symmetric, how spread out is each row.
 *
 * <ul>
 *   <li>{@code locality}: the attention-weighted mean distance {@code |s - t|} in steps ({@link
 *       AttentionMatrix#locality()}); small = the queries look at nearby steps;
 *   <li>{@code symmetry}: {@link AttentionMatrix#symmetry()}, 1 for a symmetric matrix (the
 *       dependence is read the same in both directions), about 0.29 for a triangular one;
 *   <li>{@code entropy}: the mean Shannon entropy of the rows with attention, in nats ({@link
 *       AttentionMatrix#rowEntropy()});
 *   <li>{@code relativeEntropy}: the mean over those rows of {@code H_r / log k_r}, {@code k_r}
 *       the number of pairs the row may attend to: 1 = spread evenly over every allowed key, 0 =
 *       all on one key (a row with a single allowed key counts as 0).
 * </ul>
 *
 * Rows without attention (fully masked) are left out of the entropies; a matrix without any
 * attention has entropies 0.
 *
 * @param locality attention-weighted mean {@code |s - t|}, {@code >= 0}
 * @param symmetry symmetry score in {@code [0, 1]}
 * @param entropy mean row entropy in nats, {@code >= 0}
 * @param relativeEntropy mean row entropy relative to uniform, in {@code [0, 1]}
 * @param matrices how many matrices were averaged, {@code >= 1}
 */
public record AttentionStatistics(
        double locality, double symmetry, double entropy, double relativeEntropy, int matrices) {

    /** Validates that every statistic is finite and the count positive. */
    public AttentionStatistics {
        if (!Double.isFinite(locality) || !Double.isFinite(symmetry) || !Double.isFinite(entropy)
                || !Double.isFinite(relativeEntropy)) {
            throw new IllegalArgumentException(
                    "attention statistics must be finite, got locality " + locality
                            + ", symmetry " + symmetry + ", entropy " + entropy
                            + ", relative entropy " + relativeEntropy);
        }
        if (matrices < 1) {
            throw new IllegalArgumentException("matrices must be >= 1, got " + matrices);
        }
    }

    /**
     * The statistics of one square matrix.
     *
     * @param matrix a {@code [T, T]} attention matrix
     * @return its statistics, {@code matrices = 1}
     * @throws IllegalStateException if the matrix is not square
     */
    public static AttentionStatistics of(AttentionMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        double[] sums = matrix.rowSums();
        double[] h = matrix.rowEntropy();
        double entropy = 0;
        double relative = 0;
        int rows = 0;
        for (int r = 0; r < matrix.rows(); r++) {
            if (sums[r] <= 0) {
                continue;
            }
            int allowed = 0;
            for (int c = 0; c < matrix.cols(); c++) {
                if (matrix.isAllowed(r, c)) {
                    allowed++;
                }
            }
            entropy += h[r];
            relative += allowed > 1 ? h[r] / Math.log(allowed) : 0;
            rows++;
        }
        return new AttentionStatistics(matrix.locality(), matrix.symmetry(),
                rows == 0 ? 0 : entropy / rows, rows == 0 ? 0 : relative / rows, 1);
    }

    /**
     * The mean of the statistics of several matrices, e.g. one per node of a layer.
     *
     * @param matrices at least one square matrix
     * @return the mean of each statistic, {@code matrices} = their number
     * @throws IllegalArgumentException if the list is empty
     */
    public static AttentionStatistics mean(List<AttentionMatrix> matrices) {
        Objects.requireNonNull(matrices, "matrices");
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("expected at least one attention matrix, got none");
        }
        double loc = 0;
        double sym = 0;
        double ent = 0;
        double rel = 0;
        for (AttentionMatrix m : matrices) {
            AttentionStatistics s = of(m);
            loc += s.locality();
            sym += s.symmetry();
            ent += s.entropy();
            rel += s.relativeEntropy();
        }
        int n = matrices.size();
        return new AttentionStatistics(loc / n, sym / n, ent / n, rel / n, n);
    }
}
