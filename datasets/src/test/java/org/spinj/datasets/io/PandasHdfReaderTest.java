package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.jhdf.filter.Filter;
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

    /**
     * Stands in for PyTables' blosc filter: it writes the bytes unchanged under blosc's registered
     * id, and is deliberately not named "blosc" nor registered with jhdf's FilterManager, so the
     * reader must recognise the id in the dataset's filter pipeline rather than jhdf's message.
     */
    private static final Filter OPAQUE_32001 = new Filter() {
        @Override
        public int getId() {
            return PandasHdfReader.BLOSC_FILTER_ID;
        }

        @Override
        public String getName() {
            return "opaque";
        }

        @Override
        public byte[] decode(byte[] encoded, int[] data) {
            throw new AssertionError("the reader must not decode a blosc dataset");
        }

        @Override
        public byte[] encode(byte[] data, int[] filterData) {
            return data;
        }
    };

    private Path writeFiltered(String name, DatasetCreationOptions values) {
        Path p = dir.resolve(name);
        long[] ids = {773869, 767541};
        try (WritableHdfFile f = HdfFile.write(p)) {
            WritableGroup g = f.putGroup("df");
            g.putDataset("axis0", ids);
            g.putDataset("axis1", new long[] {START_NS, START_NS + FIVE_MIN_NS});
            g.putDataset("block0_items", ids);
            g.putDataset("block0_values", new double[][] {{1, 2}, {3, 4}}, values);
        }
        return p;
    }

    @Test
    void bloscCompressedValuesAreRecognisedByTheirFilterId() {
        Path p = writeFiltered("blosc.h5", DatasetCreationOptions.builder().chunkDimensions(2, 2)
                .filter(OPAQUE_32001).build());
        try (HdfFile hdf = new HdfFile(p)) {
            Dataset block = (Dataset) hdf.getByPath("/df/block0_values");
            assertThat(PandasHdfReader.filterIds(block)).containsExactly(32001);
        }
        assertThatThrownBy(() -> PandasHdfReader.read(p, null, true, LA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p + ":/df/block0_values is compressed with blosc (HDF5 filter 32001)")
                .hasMessageContaining("complib='zlib'");
    }

    @Test
    void deflateCompressedValuesAreRead() {
        Path p = writeFiltered("zlib.h5", DatasetCreationOptions.builder().chunkDimensions(2, 2)
                .deflate().build());
        try (HdfFile hdf = new HdfFile(p)) {
            // deflate is filter 1: the pipeline is seen and is not mistaken for blosc
            assertThat(PandasHdfReader.filterIds((Dataset) hdf.getByPath("/df/block0_values")))
                    .containsExactly(1);
            assertThat(PandasHdfReader.filterIds((Dataset) hdf.getByPath("/df/axis0"))).isEmpty();
        }
        SpatioTemporalSeries s = PandasHdfReader.read(p, null, false, LA).series();
        assertThat(s.values()).containsExactly(1f, 2f, 3f, 4f);
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
