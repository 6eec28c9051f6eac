package org.spinj.experiments.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinj.experiments.GlobalOptions;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import org.spinj.visualize.plot.ScalingChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj bench scaling}: training-step time, inference time and peak memory of SPIN and
 * SPIN-H against the number of edges (METR-LA subgraphs), the window {@code T} and the batch
 * {@code B}. Every point runs {@code spinj bench spin} in its own JVM, so each peak RSS is that
 * configuration's alone. Writes {@code scaling.csv} and one PNG per sweep and figure, and prints
 * a table plus the fitted exponent {@code k} of {@code cost ~ size^k} per model and sweep.
 */
@Command(
        name = "scaling",
        mixinStandardHelpOptions = true,
        description = "Step time and peak memory of SPIN and SPIN-H vs edges, window and batch.")
public final class ScalingBenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--models", split = ",", defaultValue = "spin,spin-h",
            description = "models to measure (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--sweeps", split = ",", defaultValue = "edges,window,batch",
            description = "which sweeps (default: ${DEFAULT-VALUE})")
    List<String> sweeps;

    @Option(names = "--nodes", split = ",", defaultValue = "50,100,150,207",
            description = "METR-LA subgraph sizes of the edges sweep (default: ${DEFAULT-VALUE})")
    int[] nodes;

    @Option(names = "--windows", split = ",", defaultValue = "12,24,36,48",
            description = "windows T of the window sweep on AQI-36 (default: ${DEFAULT-VALUE})")
    int[] windows;

    @Option(names = "--batches", split = ",", defaultValue = "1,2,4,8",
            description = "batches B of the batch sweep on AQI-36, one pass each (default:"
                    + " ${DEFAULT-VALUE})")
    int[] batches;

    @Option(names = "--batch", defaultValue = "2",
            description = "B of the edges and window sweeps (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--repeats", defaultValue = "2", description = "timed steps per point")
    int repeats;

    @Option(names = "--out", defaultValue = "scaling", description = "output folder")
    Path out;

    @Option(names = "--data-dir", description = "folder with aqi36/ and metr_la/")
    Path dataDir;

    @Option(names = "--replot", paramLabel = "scaling.csv",
            description = "measure nothing: redraw the PNGs and exponents of an earlier run's CSV")
    Path replot;

    /** One measured configuration. */
    record Point(String model, String sweep, int x, String size, int nodes, int edges, int window,
            int batch, double stepMs, double forwardMs, double peakMb, String failure) {}

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (String s : sweeps) {
            if (!List.of("edges", "window", "batch").contains(s)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sweeps: unknown sweep '" + s + "', expected edges, window or batch");
            }
        }
        if (replot != null) {
            write(readCsv(replot), w);
            return 0;
        }
        List<Point> points = new ArrayList<>();
        for (String sweep : sweeps) {
            int[] xs = switch (sweep) {
                case "edges" -> nodes;
                case "window" -> windows;
                default -> batches;
            };
            for (String model : models) {
                for (int x : xs) {
                    Point p = measure(model, sweep, x);
                    points.add(p);
                    w.println(String.format(Locale.ROOT,
                            "%s %s=%d: nodes %d, edges %d, T %d, B %d: step %.0f ms, forward %.0f"
                                    + " ms, peak %.0f MB%s",
                            model, sweep, x, p.nodes(), p.edges(), p.window(), p.batch(),
                            p.stepMs(), p.forwardMs(), p.peakMb(),
                            p.failure() == null ? "" : " (" + p.failure() + ")"));
                    w.flush();
                }
            }
        }
        write(points, w);
        return 0;
    }

    private List<Point> readCsv(Path csv) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(csv);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--replot: cannot read " + csv + " (" + e + ")", e);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            if (c.length < 12) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected 12"
                        + " columns (as bench scaling writes), got " + c.length);
            }
            try {
                points.add(new Point(c[0], c[1], Integer.parseInt(c[2]), c[3],
                        Integer.parseInt(c[4]), Integer.parseInt(c[5]), Integer.parseInt(c[6]),
                        Integer.parseInt(c[7]), Double.parseDouble(c[8]), Double.parseDouble(c[9]),
                        Double.parseDouble(c[10]), c[11].isEmpty() ? null : c[11]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": " + e.getMessage(),
                        e);
            }
        }
        models = points.stream().map(Point::model).distinct().toList();
        sweeps = points.stream().map(Point::sweep).distinct().toList();
        return points;
    }

    private Point measure(String model, String sweep, int x) {
        String size = sweep.equals("edges") ? "metr-la" : "aqi36";
        int t = sweep.equals("window") ? x : 24;
        int b = sweep.equals("batch") ? x : batch;
        List<String> args = new ArrayList<>(List.of("--variant", "production", "--size", size,
                "--model", model, "--window", String.valueOf(t), "--batch", String.valueOf(b),
                "--micro-batches", "1", "--warmup", "1", "--repeats", String.valueOf(repeats),
                "--variant-device", GlobalOptions.of(spec).device()));
        if (sweep.equals("edges")) {
            args.addAll(List.of("--nodes", String.valueOf(x)));
        }
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toString()));
        }
        Map<String, String> v = SpinBenchCommand.isolated(args);
        return new Point(model, sweep, x, size, (int) num(v, "nodes"), (int) num(v, "edges"), t, b,
                num(v, "train_step_ms_median"), num(v, "forward_ms_median"),
                num(v, "peak_rss_mb"), v.get("exit"));
    }

    private static double num(Map<String, String> v, String key) {
        String s = v.get(key);
        if (s == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void write(List<Point> points, PrintWriter w) {
        StringBuilder csv = new StringBuilder(
                "model,sweep,x,size,nodes,edges,window,batch,train_step_ms,forward_ms,peak_rss_mb,"
                        + "failure\n");
        for (Point p : points) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%d,%d,%d,%.1f,%.1f,%.1f,%s%n",
                    p.model(), p.sweep(), p.x(), p.size(), p.nodes(), p.edges(), p.window(),
                    p.batch(), p.stepMs(), p.forwardMs(), p.peakMb(),
                    p.failure() == null ? "" : p.failure().replace(',', ';')));
        }
        AtomicFiles.writeString(out.resolve("scaling.csv"), csv.toString());
        w.println("wrote " + out.resolve("scaling.csv"));
        for (String sweep : sweeps) {
            String xLabel = switch (sweep) {
                case "edges" -> "edges E (METR-LA subgraphs, T = 24, B = " + batch + ")";
                case "window" -> "window T (AQI-36, E = 654, B = " + batch + ")";
                default -> "batch B (AQI-36, E = 654, T = 24, one pass)";
            };
            for (String figure : List.of("step", "memory")) {
                Map<String, double[][]> series = new LinkedHashMap<>();
                for (String model : models) {
                    List<Point> ps = points.stream()
                            .filter(p -> p.sweep().equals(sweep) && p.model().equals(model))
                            .toList();
                    double[] xs = ps.stream()
                            .mapToDouble(p -> sweep.equals("edges") ? p.edges() : p.x()).toArray();
                    double[] ys = ps.stream()
                            .mapToDouble(p -> figure.equals("step") ? p.stepMs() : p.peakMb())
                            .toArray();
                    series.put(model, new double[][] {xs, ys});
                    w.println(String.format(Locale.ROOT, "exponent_%s_%s_%s: %.2f", model, sweep,
                            figure, ScalingChart.powerLawExponent(xs, ys)));
                }
                String yLabel = figure.equals("step") ? "training step (ms)" : "peak RSS (MB)";
                Path png = out.resolve("scaling-" + sweep + "-" + figure + ".png");
                PngFile.write(ScalingChart.chart(
                        (figure.equals("step") ? "Training-step time" : "Peak memory") + " vs "
                                + sweep, xLabel, yLabel, series, true), PlotSize.DEFAULT, png);
                w.println("wrote " + png);
            }
        }
        w.flush();
    }
}
