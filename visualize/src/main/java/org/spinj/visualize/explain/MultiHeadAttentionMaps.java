package org.spinj.visualize.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinj.visualize.attention.AttentionMatrix;
import org.spinj.visualize.plot.AttentionHeatmap;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * Query x key heatmaps of multi-head self-attention weights (seed 003): one per head and their
 * average over heads.
 */
public final class MultiHeadAttentionMaps {

    private MultiHeadAttentionMaps() {}

    /**
     * @param weights {@code [H, L, L]} flattened, rows (queries) summing to 1 per head
     * @param heads {@code H}
     * @return {@code [L][L]} the mean over heads
     * @throws IllegalArgumentException if the length is not {@code H * L * L}
     */
    public static double[][] average(float[] weights, int heads) {
        double[][][] h = perHead(weights, heads);
        int l = h[0].length;
        double[][] avg = new double[l][l];
        for (double[][] m : h) {
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < l; c++) {
                    avg[r][c] += m[r][c] / heads;
                }
            }
        }
        return avg;
    }

    /**
     * @param weights {@code [H, L, L]} flattened
     * @param heads {@code H}
     * @return {@code [H][L][L]}
     */
    public static double[][][] perHead(float[] weights, int heads) {
        int per = heads < 1 ? -1 : weights.length / heads;
        int l = (int) Math.round(Math.sqrt(Math.max(per, 0)));
        if (heads < 1 || (long) heads * l * l != weights.length || l == 0) {
            throw new IllegalArgumentException(weights.length + " weights are not H * L * L for H = "
                    + heads);
        }
        double[][][] out = new double[heads][l][l];
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < l; r++) {
                for (int c = 0; c < l; c++) {
                    out[h][r][c] = weights[(h * l + r) * l + c];
                }
            }
        }
        return out;
    }

    /**
     * Writes {@code <prefix>-head<h>.png} for each head and {@code <prefix>-mean.png}.
     *
     * @param weights {@code [H, L, L]} flattened
     * @param heads {@code H}
     * @param title a title prefix
     * @param dir the folder
     * @param prefix the file name prefix
     * @return the files written, heads first
     */
    public static List<Path> write(float[] weights, int heads, String title, Path dir, String prefix) {
        List<Path> files = new ArrayList<>();
        double[][][] h = perHead(weights, heads);
        for (int i = 0; i < heads; i++) {
            files.add(PngFile.write(AttentionHeatmap.chart(matrix(h[i]), title + ", head " + (i + 1)),
                    new PlotSize(640, 560), dir.resolve(prefix + "-head" + (i + 1) + ".png")));
        }
        files.add(PngFile.write(AttentionHeatmap.chart(matrix(average(weights, heads)),
                title + ", mean over heads"), new PlotSize(640, 560), dir.resolve(prefix + "-mean.png")));
        return files;
    }

    private static AttentionMatrix matrix(double[][] v) {
        boolean[][] all = new boolean[v.length][v[0].length];
        for (boolean[] row : all) {
            java.util.Arrays.fill(row, true);
        }
        return AttentionMatrix.of(v, all);
    }
}
