package org.spinj.datasets.io;

import java.util.List;
import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * What a reader returns: the series and the gaps in the file's time index that were filled with
 * missing rows.
 *
 * @param series the series, {@code [T, N, C]}
 * @param gaps the filled gaps, in time order (empty when the index was complete)
 */
public record SeriesReadResult(SpatioTemporalSeries series, List<TimeGap> gaps) {

    /** Validates and copies. */
    public SeriesReadResult {
        Objects.requireNonNull(series, "series");
        gaps = List.copyOf(gaps);
    }
}
