package org.spinj.visualize.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/**
 * Writes PNG images atomically: the bytes go to a temporary file in the target's folder, which
 * is then moved over the target, so a reader never sees a half-written image.
 */
public final class PngFile {

    private PngFile() {}

    /**
     * Renders a chart to PNG bytes (headless; no display needed).
     *
     * @param chart the chart
     * @param size the image size
     * @return the PNG bytes
     */
    public static byte[] encode(JFreeChart chart, PlotSize size) {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(size, "size");
        return encode(chart.createBufferedImage(size.width(), size.height()));
    }

    /**
     * Encodes an image as PNG.
     *
     * @param image the image
     * @return the PNG bytes
     */
    public static byte[] encode(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer is available in ImageIO");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }

    /**
     * Renders a chart and writes it atomically.
     *
     * @param chart the chart
     * @param size the image size
     * @param path the target file; its folder is created if needed
     * @return {@code path}
     */
    public static Path write(JFreeChart chart, PlotSize size, Path path) {
        return write(encode(chart, size), path);
    }

    /**
     * Writes bytes atomically (temporary file in the same folder, then move).
     *
     * @param bytes the file content
     * @param path the target file; its folder is created if needed
     * @return {@code path}
     * @throws UncheckedIOException naming the path if it cannot be written
     */
    public static Path write(byte[] bytes, Path path) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(path, "path");
        org.spinj.graph.io.AtomicFiles.write(path, out -> out.write(bytes));
        return path;
    }
}
