package org.spinj.visualize.plot;

/**
 * The pixel size of a PNG.
 *
 * @param width the width in pixels, in {@code [16, 10000]}
 * @param height the height in pixels, in {@code [16, 10000]}
 */
public record PlotSize(int width, int height) {

    /** A 900 x 600 image, readable in a report page. */
    public static final PlotSize DEFAULT = new PlotSize(900, 600);

    private static final int MIN = 16;
    private static final int MAX = 10_000;

    /** Validates the size. */
    public PlotSize {
        if (width < MIN || width > MAX || height < MIN || height > MAX) {
            throw new IllegalArgumentException(
                    "plot size must be within [" + MIN + ", " + MAX + "] pixels per side, got "
                            + width + " x " + height);
        }
    }
}
