package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.graph.EdgeIndex;
import org.spinj.spin.ImputationTask;

/** How a user's CSV becomes a task: the capped distance graph, calendar steps, short series. */
class TaskPreparationTest {

    @TempDir Path dir;

    /** {@code nodes} stations scattered over a region, {@code steps} rows of random values. */
    private DataSpec csv(int nodes, int steps, boolean monthly, int window) throws IOException {
        Random rnd = new Random(7);
        StringBuilder coords = new StringBuilder("id,lat,lon\n");
        StringBuilder data = new StringBuilder("date");
        for (int n = 0; n < nodes; n++) {
            coords.append(String.format(Locale.ROOT, "s%d,%.4f,%.4f%n", n, 40 + 3 * rnd.nextDouble(),
                    -105 + 5 * rnd.nextDouble()));
            data.append(",s").append(n);
        }
        data.append('\n');
        java.time.LocalDateTime t = java.time.LocalDateTime.of(1950, 1, 1, 0, 0);
        for (int k = 0; k < steps; k++) {
            java.time.LocalDateTime at = monthly ? t.plusMonths(k) : t.plusDays(k);
            data.append(at.toLocalDate());
            for (int n = 0; n < nodes; n++) {
                data.append(',');
                if (rnd.nextDouble() > 0.2) {
                    data.append(String.format(Locale.ROOT, "%.2f", 10 * Math.sin(k / 6.0) + n % 5
                            + rnd.nextGaussian()));
                }
            }
            data.append('\n');
        }
        Path values = Files.writeString(dir.resolve("values.csv"), data);
        Path stations = Files.writeString(dir.resolve("stations.csv"), coords);
        return new DataSpec(null, values, stations, null, null, null, null, null, window);
    }

    @Test
    void aNodesGraphKeepsEachNodesStrongestEdgesOfTheFullKernelGraph() throws IOException {
        ImputationTask task = TaskPreparation.prepare(csv(60, 200, false, 12));
        EdgeIndex capped = task.graph();
        EdgeIndex full = TaskPreparation.gaussianGraph(task.series(), 0);
        int k = TaskPreparation.USER_GRAPH_NEIGHBOURS;
        assertThat(full.numEdges()).isGreaterThan(2 * k * 60); // the threshold alone is dense here
        assertThat(capped.numEdges()).isLessThanOrEqualTo(2 * k * 60);
        Set<Long> fullPairs = new HashSet<>();
        for (int e = 0; e < full.numEdges(); e++) {
            fullPairs.add((long) full.source(e) * 1000 + full.target(e));
        }
        Set<Long> cappedPairs = new HashSet<>();
        for (int e = 0; e < capped.numEdges(); e++) {
            long pair = (long) capped.source(e) * 1000 + capped.target(e);
            assertThat(fullPairs).contains(pair);
            cappedPairs.add(pair);
        }
        // symmetric, and every node keeps at least k neighbours (it had more than k)
        for (long pair : cappedPairs) {
            assertThat(cappedPairs).contains((pair % 1000) * 1000 + pair / 1000);
        }
        int[] full_in = full.inDegree();
        int[] in = capped.inDegree();
        for (int n = 0; n < 60; n++) {
            assertThat(in[n]).isGreaterThanOrEqualTo(Math.min(k, full_in[n]));
        }
    }

    @Test
    void monthlyRowsSplitOnACalendarAxis() throws IOException {
        ImputationTask task = TaskPreparation.prepare(csv(12, 240, true, 12));
        assertThat(task.series().timeIndex().frequency()).isEqualTo("P1M");
        assertThat(task.split().train()).isNotEmpty();
        assertThat(task.split().validation()).isNotEmpty();
    }

    @Test
    void aShortSeriesNamesTheLongestWindowThatFits() throws IOException {
        DataSpec spec = csv(12, 90, false, 24);
        assertThatThrownBy(() -> TaskPreparation.prepare(spec))
                .hasMessageContaining("--window 24 is too long for the 90 steps")
                .hasMessageContaining("give --window 5 or less");
        assertThat(TaskPreparation.prepare(spec.withWindow(5)).split().validation()).isNotEmpty();
    }
}
