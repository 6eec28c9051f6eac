package org.spinj.experiments;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;

/**
 * A table of several models' test errors on one task: printed, and written as {@code
 * compare.csv} and a {@code compare.png} bar chart of the MAE.
 */
public final class Comparison {

    /** The CSV header. */
    public static final String CSV_HEADER = "model,mae,mse,mre,seconds,run";

    private Comparison() {}

    /**
     * Prints the table.
     *
     * @param out where to print
     * @param rows the outcomes, in order
     */
    public static void print(PrintWriter out, List<Experiment.Outcome> rows) {
        out.println(String.format(Locale.ROOT, "%-8s %10s %12s %8s %9s", "model", "MAE", "MSE",
                "MRE", "time"));
        for (Experiment.Outcome o : rows) {
            if (o.interrupted()) {
                out.println(String.format(Locale.ROOT, "%-8s %s", o.model(), "interrupted"));
                continue;
            }
            out.println(String.format(Locale.ROOT, "%-8s %10.4f %12.4f %8.4f %9s", o.model(),
                    o.test().windows().mae(), o.test().windows().mse(), o.test().windows().mre(),
                    ProgressMonitor.formatSeconds(o.seconds())));
        }
        out.flush();
    }

    /**
     * Writes {@code compare.csv} and {@code compare.png} into a folder.
     *
     * @param dir the folder
     * @param title the chart title
     * @param rows the outcomes
     * @return the CSV path
     */
    public static Path write(Path dir, String title, List<Experiment.Outcome> rows) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Experiment.Outcome o : rows) {
            if (o.interrupted()) {
                continue;
            }
            csv.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%.3f,%s%n", o.model(),
                    o.test().windows().mae(), o.test().windows().mse(), o.test().windows().mre(),
                    o.seconds(), o.run().dir()));
            data.addValue(o.test().windows().mae(), "MAE", o.model());
        }
        Path file = dir.resolve("compare.csv");
        AtomicFiles.writeString(file, csv.toString());
        JFreeChart chart = ChartFactory.createBarChart(title, "model", "test MAE", data,
                PlotOrientation.VERTICAL, false, false, false);
        PngFile.write(chart, new PlotSize(800, 500), dir.resolve("compare.png"));
        return file;
    }

    /**
     * @param csv a {@code compare.csv}
     * @return its lines
     */
    static List<String> read(Path csv) {
        try {
            return Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
