package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SpatioTemporalSeries;

class NpzSeriesReaderTest {

    @TempDir Path dir;

    private static final LocalDateTime START = LocalDateTime.of(2018, 1, 1, 0, 0);

    @Test
    void roundTripsValuesAndMaskFromAnNpz() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray data = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 2, 2));
            data.setName("data");
            NDArray mask = m.create(new boolean[] {true, true, false, true, true, true, true, true},
                    new Shape(2, 2, 2));
            mask.setName("mask");
            Path p = dir.resolve("x.npz");
            Files.write(p, new NDList(data, mask).encode(NDList.Encoding.NPZ));
            SpatioTemporalSeries s = NpzSeriesReader.read(p, "data", "mask", START,
                    Duration.ofMinutes(5), ZoneOffset.UTC, m);
            assertThat(s.numSteps()).isEqualTo(2);
            assertThat(s.numNodes()).isEqualTo(2);
            assertThat(s.numChannels()).isEqualTo(2);
            assertThat(s.value(1, 1, 1)).isEqualTo(8f);
            assertThat(s.isObserved(0, 1, 0)).isFalse();
            assertThat(s.nodeIds()).containsExactly("0", "1");
            assertThatThrownBy(() -> NpzSeriesReader.read(p, "speed", null, START,
                            Duration.ofMinutes(5), ZoneOffset.UTC, m))
                    .hasMessageContaining("no array 'speed'")
                    .hasMessageContaining("data");
        }
    }

    @Test
    void readsNanAsMissingAndRejectsBadShapes() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Path p = dir.resolve("y.npz");
            NDArray a = m.create(new float[] {1, Float.NaN, 3, 4}, new Shape(2, 2));
            a.setName("x");
            Files.write(p, new NDList(a).encode(NDList.Encoding.NPZ));
            SpatioTemporalSeries s = NpzSeriesReader.read(p, "x", null, START, Duration.ofHours(1),
                    ZoneOffset.UTC, m);
            assertThat(s.countObserved()).isEqualTo(3);
            Path q = dir.resolve("z.npz");
            NDArray b = m.create(new float[] {1, 2}, new Shape(2));
            b.setName("x");
            Files.write(q, new NDList(b).encode(NDList.Encoding.NPZ));
            assertThatThrownBy(() -> NpzSeriesReader.read(q, "x", null, START, Duration.ofHours(1),
                            ZoneOffset.UTC, m))
                    .hasMessageContaining("expected [T, N] or [T, N, C]");
        }
    }
}
