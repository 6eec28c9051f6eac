package org.spinj.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.synthetic.SyntheticTraffic;

/** Writes the first steps of the synthetic dataset as a user's wide CSV, every 7th cell blank. */
final class SyntheticCsv {

    private static final DateTimeFormatter FMT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SyntheticCsv() {}

    static List<String> write(Path file, int steps) throws IOException {
        return write(file, steps, 1);
    }

    static List<String> writeHourly(Path file, int steps) throws IOException {
        return write(file, steps, 4);
    }

    private static List<String> write(Path file, int steps, int every) throws IOException {
        SpatioTemporalSeries s = SyntheticTraffic.generate(0);
        List<String> lines = new ArrayList<>();
        lines.add("datetime," + String.join(",", s.nodeIds()));
        int cell = 0;
        for (int k = 0; k < steps; k++) {
            int t = k * every;
            StringBuilder row = new StringBuilder(s.timeIndex().at(t).format(FMT));
            for (int n = 0; n < s.numNodes(); n++) {
                row.append(',');
                if (cell++ % 7 != 3 && s.isObserved(t, n, 0)) {
                    row.append(String.format(Locale.ROOT, "%.3f", s.value(t, n, 0)));
                }
            }
            lines.add(row.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return lines;
    }
}
