package org.spinj.datasets;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Small deterministic series for tests. */
public final class TestSeries {

    private TestSeries() {}

    /**
     * @return a series with value {@code t * 100 + n * 10 + c} everywhere, hourly from
     *     2020-01-01 UTC, all observed
     */
    public static SpatioTemporalSeries ramp(int steps, int nodes, int channels) {
        float[] v = new float[steps * nodes * channels];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < nodes; n++) {
                for (int c = 0; c < channels; c++) {
                    v[(t * nodes + n) * channels + c] = t * 100 + n * 10 + c;
                }
            }
        }
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            ids.add("s" + n);
        }
        return SpatioTemporalSeries.builder()
                .setTimeIndex(new TimeIndex(LocalDateTime.of(2020, 1, 1, 0, 0), Duration.ofHours(1),
                        steps, ZoneOffset.UTC))
                .setNodeIds(ids)
                .setValues(v, channels)
                .build();
    }
}
