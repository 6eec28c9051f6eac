package org.spinj.visualize.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.spinj.visualize.attention.AttentionMatrix;

/**
 * Several attention heatmaps (one per layer) side by side in one image, {@code columns} per row,
 * so that layers can be compared at a glance.
 */
public final class LayerComparisonGrid {

    private LayerComparisonGrid() {}

    /**
     * Renders the grid.
     *
     * @param matrices one matrix per layer, at least one
     * @param titles one title per matrix
     * @param columns heatmaps per row, {@code >= 1}
     * @param size the size of the whole image; every cell gets {@code width / columns} by
     *     {@code height / rows} pixels (at least 16 each)
     * @return the image, exactly {@code size}
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static BufferedImage render(
            List<AttentionMatrix> matrices, List<String> titles, int columns, PlotSize size) {
        Objects.requireNonNull(matrices, "matrices");
        Objects.requireNonNull(titles, "titles");
        Objects.requireNonNull(size, "size");
        if (matrices.isEmpty() || matrices.size() != titles.size()) {
            throw new IllegalArgumentException(
                    "expected one title per matrix and at least one matrix, got "
                            + matrices.size() + " matrices and " + titles.size() + " titles");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        int cols = Math.min(columns, matrices.size());
        int rows = (matrices.size() + cols - 1) / cols;
        PlotSize cell = new PlotSize(size.width() / cols, size.height() / rows);
        BufferedImage image =
                new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size.width(), size.height());
            for (int k = 0; k < matrices.size(); k++) {
                BufferedImage tile = AttentionHeatmap.chart(matrices.get(k), titles.get(k))
                        .createBufferedImage(cell.width(), cell.height());
                g.drawImage(tile, (k % cols) * cell.width(), (k / cols) * cell.height(), null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Renders the grid and writes it as a PNG, atomically.
     *
     * @param matrices one matrix per layer
     * @param titles one title per matrix
     * @param columns heatmaps per row
     * @param size the size of the whole image
     * @param path the PNG file
     * @return {@code path}
     */
    public static Path write(List<AttentionMatrix> matrices, List<String> titles, int columns,
            PlotSize size, Path path) {
        return PngFile.write(PngFile.encode(render(matrices, titles, columns, size)), path);
    }
}
