package org.spinj.spin.baseline;

import org.spinj.datasets.SpatioTemporalSeries;

/**
 * Fills the missing entries of a series. An imputer sees only the series' training mask ({@code
 * observed && !evalMask}): the held-out evaluation targets are never read, so every imputer can
 * be scored on the same points.
 */
public interface Imputer {

    /** @return a short name, e.g. {@code "interp"} */
    String name();

    /**
     * Imputes every entry.
     *
     * @param series the series; only entries of its training mask are read
     * @return values {@code [T, N, C]} row-major, with visible entries passed through unchanged
     */
    float[] impute(SpatioTemporalSeries series);
}
