package org.spinj.visualize.report;

import java.util.Objects;

/**
 * One figure of a report: a PNG image and its caption.
 *
 * @param caption the caption shown under the image
 * @param png the PNG bytes; copied
 */
public record ReportFigure(String caption, byte[] png) implements ReportItem {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Checks the PNG signature and copies the bytes. */
    public ReportFigure {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(png, "png");
        if (png.length < SIGNATURE.length) {
            throw new IllegalArgumentException(
                    "figure '" + caption + "' has " + png.length + " bytes, too few for a PNG");
        }
        for (int k = 0; k < SIGNATURE.length; k++) {
            if (png[k] != SIGNATURE[k]) {
                throw new IllegalArgumentException(
                        "figure '" + caption + "' is not a PNG (wrong signature at byte " + k
                                + ")");
            }
        }
        png = png.clone();
    }

    /** @return a copy of the PNG bytes */
    @Override
    public byte[] png() {
        return png.clone();
    }
}
