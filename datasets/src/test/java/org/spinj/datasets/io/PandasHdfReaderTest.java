package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;

/** Fixtures are written with jhdf's writer in the pandas fixed layout (no h5py here). */
class PandasHdfReaderTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final long FIVE_MIN_NS = 300_000_000_000L;
    // 2012-03-01 00:00 as naive nanoseconds since the epoch
    private static final long START_NS = 1_330_560_000L * 1_000_000_000L;

    @TempDir Path dir;

    private Path write(String key, Object ids, long[] stamps, double[][] values) {
        Path p = dir.resolve(key + ".h5");
        try (WritableHdfFile f = HdfFile.write(p)) {
            WritableGroup g = f.putGroup(key);
            g.putDataset("axis0", ids);
            g.putDataset("axis1", stamps);
            g.putDataset("block0_items", ids);
            g.putDataset("block0_values", values);
        }
        return p;
    }

    @Test
    void readsTheMetrLaLayoutWithZerosAsMissing() {
        long[] t = {START_NS, START_NS + FIVE_MIN_NS, START_NS + 2 * FIVE_MIN_NS};
        double[][] v = {{64.375, 0}, {67.625, 60.5}, {0, 61}};
        Path p = write("df", new long[] {773869, 767541}, t, v);
        SpatioTemporalSeries s = PandasHdfReader.read(p, null, true, LA).series();
        assertThat(s.nodeIds()).containsExactly("773869", "767541");
        assertThat(s.timeIndex().start()).isEqualTo(LocalDateTime.of(2012, 3, 1, 0, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.value(1, 0, 0)).isEqualTo(67.625f);
        assertThat(s.isObserved(0, 1, 0)).isFalse();
        assertThat(s.isObserved(2, 0, 0)).isFalse();
        assertThat(PandasHdfReader.read(p, null, false, LA).series().isObserved(0, 1, 0)).isTrue();
    }

    @Test
    void findsTheSpeedKeyAndFillsGaps() {
        long[] t = {START_NS, START_NS + FIVE_MIN_NS, START_NS + 4 * FIVE_MIN_NS};
        Path p = write("speed", new String[] {"400001"}, t, new double[][] {{1}, {2}, {Double.NaN}});
        SeriesReadResult r = PandasHdfReader.read(p, null, false, LA);
        assertThat(r.series().numSteps()).isEqualTo(5);
        assertThat(r.gaps()).containsExactly(new TimeGap(LocalDateTime.of(2012, 3, 1, 0, 10), 2));
        assertThat(r.series().countObserved()).isEqualTo(2);
        assertThat(r.series().nodeIds()).containsExactly("400001");
    }

    @Test
    void badLayoutsAreNamed() {
        long[] t = {START_NS, START_NS + FIVE_MIN_NS};
        Path p = write("readings", new long[] {1, 2}, t, new double[][] {{1, 2}, {3, 4}});
        assertThat(PandasHdfReader.read(p, null, false, LA).series().numNodes()).isEqualTo(2);
        assertThatThrownBy(() -> PandasHdfReader.read(p, "df", false, LA))
                .hasMessageContaining("no group 'df'")
                .hasMessageContaining("readings");
        Path q = write("df", new long[] {1, 2, 3}, t, new double[][] {{1, 2}, {3, 4}});
        assertThatThrownBy(() -> PandasHdfReader.read(q, null, false, LA))
                .hasMessageContaining("block0_values has shape [2, 2], expected [T, N] = [2, 3]");
        assertThatThrownBy(() -> PandasHdfReader.read(dir.resolve("none.h5"), null, false, LA))
                .hasMessageContaining("none.h5 is missing");
    }
}
