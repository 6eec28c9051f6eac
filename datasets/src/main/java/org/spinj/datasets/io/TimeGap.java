package org.spinj.datasets.io;

import java.time.LocalDateTime;

/**
 * Steps absent from a file's time index, filled with missing rows.
 *
 * @param first the local time of the first missing step
 * @param steps how many consecutive steps were missing ({@code >= 1})
 */
public record TimeGap(LocalDateTime first, int steps) {

    /** Validates. */
    public TimeGap {
        if (steps < 1) {
            throw new IllegalArgumentException("a gap spans >= 1 step, got " + steps);
        }
    }
}
