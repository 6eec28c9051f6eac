package org.spinj.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.datasets.SharedData;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.datasets.split.AirQualitySplitter;
import org.spinj.datasets.split.WindowSplit;
import org.spinj.datasets.window.WindowSpec;

class Aqi36ReaderTest {

    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

    @TempDir Path dir;

    /**
     * Writes a ground and a missing table of {@code steps} hourly rows from {@code start} over
     * {@code nodes} stations, every cell 7; the missing table blanks the first {@code blanked}
     * cells in row-major order.
     */
    private Path[] tables(LocalDateTime start, int steps, int nodes, int blanked) throws IOException {
        List<String> ground = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder header = new StringBuilder("datetime");
        for (int i = 0; i < nodes; i++) {
            header.append(String.format(",%06d", 1001 + i));
        }
        ground.add(header.toString());
        missing.add(header.toString());
        int cell = 0;
        for (int t = 0; t < steps; t++) {
            String stamp = start.plusHours(t).format(FMT);
            StringBuilder g = new StringBuilder(stamp);
            StringBuilder m = new StringBuilder(stamp);
            for (int i = 0; i < nodes; i++, cell++) {
                g.append(",7");
                m.append(cell < blanked ? "," : ",7");
            }
            ground.add(g.toString());
            missing.add(m.toString());
        }
        Path gp = dir.resolve("ground.txt");
        Path mp = dir.resolve("missing.txt");
        Files.write(gp, ground, StandardCharsets.UTF_8);
        Files.write(mp, missing, StandardCharsets.UTF_8);
        return new Path[] {gp, mp};
    }

    @Test
    void tablesOfThePublishedExtentMustGiveThePublishedTargetCount() throws IOException {
        LocalDateTime start = Aqi36Reader.PUBLISHED_START;
        Path[] ok = tables(start, 8759, 36, 35_737);
        assertThat(Aqi36Reader.read(ok[0], ok[1], null).countEval()).isEqualTo(35_737);
        Path[] edited = tables(start, 8759, 36, 35_736);
        assertThatThrownBy(() -> Aqi36Reader.read(edited[0], edited[1], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ground.txt and ")
                .hasMessageContaining("missing.txt give 35736 evaluation targets")
                .hasMessageContaining("expected 35737 for the published AQI-36 tables of 8759 x 36");
    }

    @Test
    void tablesOfAnotherExtentKeepTheirOwnTargetCount() throws IOException {
        Path[] excerpt = tables(Aqi36Reader.PUBLISHED_START, 48, 3, 10);
        assertThat(Aqi36Reader.read(excerpt[0], excerpt[1], null).countEval()).isEqualTo(10);
    }

    @Test
    void anEntryKeptInTheMissingTableButAbsentFromTheGroundIsNamedByLineAndColumn()
            throws IOException {
        Path[] t = tables(LocalDateTime.of(2014, 5, 1, 1, 0), 4, 3, 0);
        List<String> ground = Files.readAllLines(t[0]);
        // row 3 (line 4) drops node 001003, the third station (column 4); the missing table keeps it
        ground.set(3, ground.get(3).replaceFirst(",7$", ","));
        Files.write(t[0], ground, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Aqi36Reader.read(t[0], t[1], null))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageStartingWith(t[1] + ":4:4: entry at 2014-05-01T03:00 for node 001003")
                .hasMessageContaining("is 7.0 but missing in " + t[0])
                .satisfies(e -> {
                    assertThat(((CsvFormatException) e).line()).isEqualTo(4);
                    assertThat(((CsvFormatException) e).column()).isEqualTo(4);
                });
    }

    @Test
    void publishedFilesGiveTheDocumentedShapeMissingRateAndEvalTargets() {
        SpatioTemporalSeries s = Aqi36Reader.read(SharedData.require("aqi36"));
        assertThat(s.numSteps()).isEqualTo(8759);
        assertThat(s.numNodes()).isEqualTo(36);
        assertThat(s.numChannels()).isEqualTo(1);
        assertThat(s.countEval()).isEqualTo(35_737);
        assertThat(s.missingRate()).isCloseTo(0.1325, within(0.00005));
        assertThat(s.timeIndex().start()).isEqualTo(LocalDateTime.of(2014, 5, 1, 1, 0));
        assertThat(s.timeIndex().step()).isEqualTo(Duration.ofHours(1));
        assertThat(s.nodeIds().get(0)).isEqualTo("001001");
        assertThat(s.latitudes()[0]).isEqualTo(40.090679);
        assertThat(s.value(0, 0, 0)).isEqualTo(138f);
    }

    @Test
    void aqiSplitAndScalerWorkOnTheRealSeries() {
        SpatioTemporalSeries s = Aqi36Reader.read(SharedData.require("aqi36"));
        WindowSpec spec = new WindowSpec(36, 1);
        WindowSplit split = AirQualitySplitter.DEFAULT.split(spec, s.timeIndex());
        for (int k : split.test()) {
            assertThat(s.timeIndex().at(spec.start(k)).getMonthValue() % 3).isZero();
        }
        assertThat(split.train().length).isGreaterThan(4 * split.test().length / 3);
        AffineScaler scaler = AffineScaler.standard(s, split.coveredSteps(split.train(), s.numSteps()));
        // PM2.5 in Beijing: mean and spread of the order of 80-100 ug/m3
        assertThat(scaler.offset()[0]).isBetween(50.0, 120.0);
        assertThat(scaler.scale()[0]).isBetween(50.0, 120.0);
    }
}
