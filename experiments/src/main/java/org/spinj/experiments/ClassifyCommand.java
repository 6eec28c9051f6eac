package org.spinj.experiments;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinj.datasets.synthetic.AnomalyKind;
import org.spinj.datasets.synthetic.AnomalySample;
import org.spinj.datasets.synthetic.SineAnomalies;
import org.spinj.temporal.models.AttentionAccuracy;
import org.spinj.temporal.models.AttentionAnomalyDetector;
import org.spinj.temporal.models.ClassificationMetrics;
import org.spinj.temporal.models.ClassifierPredictions;
import org.spinj.temporal.models.ClassifierTrainer;
import org.spinj.temporal.models.ClassifierTrainingConfig;
import org.spinj.temporal.models.EmbeddingPredictions;
import org.spinj.temporal.models.EmbeddingSamples;
import org.spinj.temporal.models.EmbeddingTrainingConfig;
import org.spinj.temporal.models.FeatureTable;
import org.spinj.temporal.models.HybridCnnLstmAttention;
import org.spinj.temporal.models.LabelledSeries;
import org.spinj.temporal.models.LogisticRegression;
import org.spinj.temporal.models.ModelCheckpoint;
import org.spinj.temporal.models.Quartiles;
import org.spinj.temporal.models.SignalEmbeddingNet;
import org.spinj.temporal.models.SignalEmbeddingTrainer;
import org.spinj.temporal.models.TrainingResult;
import org.spinj.visualize.explain.Attribution;
import org.spinj.visualize.explain.AttributionBarChart;
import org.spinj.visualize.explain.BlockModel;
import org.spinj.visualize.explain.ClassifierCurvesChart;
import org.spinj.visualize.explain.GradCam1d;
import org.spinj.visualize.explain.GradientShap;
import org.spinj.visualize.explain.GroupHistogramChart;
import org.spinj.visualize.explain.IntegratedGradients;
import org.spinj.visualize.explain.KernelShap;
import org.spinj.visualize.explain.ShapPlots;
import org.spinj.visualize.explain.MultiHeadAttentionMaps;
import org.spinj.visualize.explain.SignalAttentionChart;
import org.spinj.visualize.plot.PlotSize;
import org.spinj.visualize.plot.PngFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinj classify anomaly|hybrid|embedding}: trains an attention sequence model (seeds 002,
 * 003 and 000) on data from the {@link SineAnomalies} generator, prints {@code key: value}
 * metrics and writes attention plots, the training curves (CSV and PNG) and a checkpoint under
 * {@code --out}.
 *
 * <ul>
 *   <li>{@code anomaly} and {@code hybrid} print the same metric set ({@link
 *       ClassificationMetrics}: accuracy, precision, recall, F1, ROC-AUC, confusion matrix, then
 *       the per-class report).
 *   <li>{@code anomaly} adds seed 002's attention accuracy with its ceiling and quartiles, and the
 *       attention peak ratio and entropy of normal against anomalous series (means, quartiles and
 *       histograms).
 *   <li>{@code hybrid} adds Grad-CAM, Kernel SHAP and Gradient SHAP of every class (summary bars
 *       stacked over classes, a beeswarm per class, force plots), per-feature Gradient SHAP and
 *       integrated-gradient bars, and their additivity / completeness gaps.
 * </ul>
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Train and evaluate an attention sequence classifier: 'anomaly' (BiLSTM +"
                + " additive attention on flat-segment anomalies), 'hybrid' (CNN-LSTM +"
                + " multi-head attention on a CSV of feature rows, against logistic regression) or"
                + " 'embedding' (conv + BiGRU + attention embeddings, triplet + keypoint loss).")
public final class ClassifyCommand implements Callable<Integer> {

    private static final int SHAP_GROUPS = 8;
    private static final int SHAP_ROWS = 5;
    private static final int GRADIENT_SHAP_ROWS = 20;
    private static final int GRADIENT_SHAP_DRAWS = 400;
    private static final int GRADIENT_SHAP_BACKGROUND = 50;
    private static final int IG_STEPS = 64;

    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "anomaly, hybrid or embedding")
    String task;

    @Option(names = "--quick", description = "A smaller recipe that finishes in minutes on 2 cores.")
    boolean quick;

    @Option(names = "--out", defaultValue = "out/classify", description = "Output folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the data, the weights and the shuffling.")
    long seed;

    @Option(names = "--csv", description = "hybrid: a CSV of feature rows with a 'label' column"
            + " (default: the generator writes one to <out>/features.csv).")
    Path csv;

    @Option(names = "--epochs", description = "Maximum epochs (default: anomaly 30; hybrid, embedding 15 quick, 30 full).")
    Integer epochs;

    @Option(names = "--hidden", description = "embedding: GRU hidden size per direction (default: 64 quick, 128 full).")
    Integer hidden;

    @Option(names = "--series", description = "anomaly, embedding: number of generated series (default: anomaly 2000 quick, embedding"
            + " 1000 quick, 5000 full).")
    Integer seriesCount;

    @Option(names = "--length", description = "anomaly, embedding: steps per series (default: 200 quick, 500 full).")
    Integer seriesLength;

    @Option(names = "--lr", description = "Adam learning rate (default: 1e-3, seed 002).")
    Float learningRate;

    @Option(names = "--batch", description = "Batch size (default: 32, seed 002).")
    Integer batchSize;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads"
            + " (default 1: these models are made of many tiny ops, and on a shared 2-core machine"
            + " 2 threads ran 30x slower than 1).")
    int threads;

    @Option(names = "--difference", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "anomaly: feed the step-to-step difference as a second channel (default: yes).")
    boolean difference;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        switch (task.toLowerCase(Locale.ROOT)) {
            case "anomaly" -> anomaly(o);
            case "hybrid" -> hybrid(o);
            case "embedding" -> embedding(o);
            default -> throw new IllegalArgumentException(
                    "unknown task '" + task + "', expected anomaly, hybrid or embedding");
        }
        o.flush();
        return 0;
    }

    private void anomaly(PrintWriter o) {
        int n = seriesCount != null ? seriesCount : quick ? 2000 : 5000;
        int length = seriesLength != null ? seriesLength : quick ? 200 : 500;
        int maxEpochs = epochs != null ? epochs : 30;
        List<AnomalySample> samples = SineAnomalies.builder().optLength(length)
                .optKinds(EnumSet.of(AnomalyKind.FLAT)).optSeed(seed).build().generate(n);
        int nTrain = (int) (0.7 * n);
        int nVal = (int) (0.15 * n);
        LabelledSeries all = difference ? detectorInputs(samples) : series(samples);
        LabelledSeries train = all.slice(0, nTrain);
        LabelledSeries val = all.slice(nTrain, nTrain + nVal);
        LabelledSeries test = all.slice(nTrain + nVal, n);
        long t0 = System.nanoTime();
        try (Model model = Model.newInstance("detector")) {
            AttentionAnomalyDetector detector = AttentionAnomalyDetector.builder().optLength(length)
                    .optChannels(all.channels()).build();
            model.setBlock(detector);
            TrainingResult r = new ClassifierTrainer(new ClassifierTrainingConfig(maxEpochs,
                    batchSize != null ? batchSize : 32, learningRate != null ? learningRate : 1e-3f,
                    5, 0, 1.0, seed)).fit(model, train, val);
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            ClassifierPredictions p = ClassifierPredictions.predict(detector, model.getNDManager(), test, 64);
            ClassificationMetrics metrics = ClassificationMetrics.of(test.labels(), p.probabilities(),
                    List.of("normal", "anomalous"));
            List<AnomalySample> testSamples = samples.subList(nTrain + nVal, n);
            AttentionStatistics att = attentionStatistics(testSamples, p);
            Path ckpt = ModelCheckpoint.save(detector, out.resolve("detector.ckpt"));
            r.writeCsv(out.resolve("detector-curves.csv"));
            Path curves = ClassifierCurvesChart.write(r.history(), "Attention anomaly detector: training curves",
                    out.resolve("detector-curves.png"));
            Path[] plots = attentionPlots(testSamples, test, p);
            List<Path> distributions = att.write(out);
            line(o, "task", "anomaly (flat segments)");
            line(o, "series", n + " x " + length + " (train " + nTrain + ", val " + nVal + ", test " + test.size() + ")");
            line(o, "epochs_run", r.history().size());
            line(o, "best_epoch", r.bestEpoch());
            line(o, "train_seconds", String.format(Locale.ROOT, "%.1f", trainSeconds));
            metrics(o, metrics);
            att.print(o);
            line(o, "checkpoint", ckpt);
            line(o, "inputs", difference ? "value, difference" : "value");
            line(o, "threads", threads);
            line(o, "plots", plots[0] + ", " + plots[1] + ", " + curves + ", "
                    + distributions.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
            o.print(metrics.report());
        }
    }

    /** Prints the shared metric lines of every classifier command (see {@link ClassificationMetrics}). */
    private static void metrics(PrintWriter o, ClassificationMetrics m) {
        m.summary().forEach((k, v) -> line(o, k, v));
    }

    /**
     * Seed 002's attention accuracy and the peakedness of the attention over the test series:
     * the seed's metric, its ceiling {@code min(20, L) / L} and the value relative to it, and
     * whether the peak lies in the anomaly (anomalous series only); the peak ratio and normalised
     * entropy for normal and anomalous series.
     */
    static AttentionStatistics attentionStatistics(List<AnomalySample> samples, ClassifierPredictions p) {
        List<Double> seed = new ArrayList<>();
        List<Double> relative = new ArrayList<>();
        List<Double> ceiling = new ArrayList<>();
        List<Double> peakNormal = new ArrayList<>();
        List<Double> peakAnomalous = new ArrayList<>();
        List<Double> entropyNormal = new ArrayList<>();
        List<Double> entropyAnomalous = new ArrayList<>();
        int inside = 0;
        int w = AttentionAccuracy.DEFAULT_HALF_WIDTH;
        for (int i = 0; i < samples.size(); i++) {
            AnomalySample s = samples.get(i);
            float[] alpha = p.attention()[i];
            boolean anomalous = s.start() >= 0;
            (anomalous ? peakAnomalous : peakNormal).add(AttentionAccuracy.peakRatio(alpha));
            (anomalous ? entropyAnomalous : entropyNormal).add(AttentionAccuracy.normalisedEntropy(alpha));
            if (anomalous) {
                seed.add(AttentionAccuracy.of(alpha, s.start(), s.end(), w));
                relative.add(AttentionAccuracy.relative(alpha, s.start(), s.end(), w));
                ceiling.add(AttentionAccuracy.ceiling(s.start(), s.end(), w));
                inside += AttentionAccuracy.peakInside(alpha, s.start(), s.end()) ? 1 : 0;
            }
        }
        return new AttentionStatistics(doubles(seed), doubles(relative), doubles(ceiling), inside,
                doubles(peakNormal), doubles(peakAnomalous), doubles(entropyNormal), doubles(entropyAnomalous));
    }

    /**
     * Attention statistics of the detector's test series (see {@link #attentionStatistics}).
     *
     * @param accuracy {@code [A]} seed 002's attention accuracy per anomalous series
     * @param relative {@code [A]} the same divided by its ceiling
     * @param ceiling {@code [A]} the ceiling {@code min(20, L) / L}
     * @param peakInside anomalous series whose attention peak lies in the anomaly
     * @param peakNormal {@code [N0]} peak ratio {@code T max(alpha)} of the normal series
     * @param peakAnomalous {@code [A]} peak ratio of the anomalous series
     * @param entropyNormal {@code [N0]} normalised entropy of the normal series
     * @param entropyAnomalous {@code [A]} normalised entropy of the anomalous series
     */
    record AttentionStatistics(double[] accuracy, double[] relative, double[] ceiling, int peakInside,
            double[] peakNormal, double[] peakAnomalous, double[] entropyNormal, double[] entropyAnomalous) {

        /** Prints the means, and quartiles as {@code q1 / median / q3} under {@code *_quartiles}. */
        void print(PrintWriter o) {
            line(o, "attention_accuracy", mean(accuracy));
            quartiles(o, "attention_accuracy_quartiles", accuracy);
            line(o, "attention_accuracy_ceiling", mean(ceiling));
            line(o, "attention_accuracy_relative", mean(relative));
            quartiles(o, "attention_accuracy_relative_quartiles", relative);
            line(o, "attention_peak_in_anomaly", accuracy.length == 0 ? Double.NaN
                    : peakInside / (double) accuracy.length);
            line(o, "attention_peak_ratio_normal", mean(peakNormal));
            quartiles(o, "attention_peak_ratio_normal_quartiles", peakNormal);
            line(o, "attention_peak_ratio_anomalous", mean(peakAnomalous));
            quartiles(o, "attention_peak_ratio_anomalous_quartiles", peakAnomalous);
            line(o, "attention_entropy_normal", mean(entropyNormal));
            quartiles(o, "attention_entropy_normal_quartiles", entropyNormal);
            line(o, "attention_entropy_anomalous", mean(entropyAnomalous));
            quartiles(o, "attention_entropy_anomalous_quartiles", entropyAnomalous);
        }

        /** Writes the three distribution histograms (the groups that have values). */
        List<Path> write(Path dir) {
            List<Path> files = new ArrayList<>();
            if (accuracy.length > 0) {
                Map<String, double[]> g = new LinkedHashMap<>();
                g.put("seed 002 definition", accuracy);
                g.put("relative to its ceiling min(20, L)/L", relative);
                files.add(GroupHistogramChart.write(g, 0, 1, 20, "attention accuracy (anomalous test series)",
                        "Attention accuracy: share of the anomaly in the 20-step window around the peak",
                        dir.resolve("attention-accuracy-hist.png")));
            }
            Map<String, double[]> peak = groups(peakNormal, peakAnomalous);
            Map<String, double[]> entropy = groups(entropyNormal, entropyAnomalous);
            if (!peak.isEmpty()) {
                double[] pr = span(peak);
                files.add(GroupHistogramChart.write(peak, pr[0], pr[1], 30,
                        "peak ratio T * max(attention) (1 = uniform)",
                        "Attention peak ratio, normal vs anomalous test series", dir.resolve("attention-peak-hist.png")));
                double[] er = span(entropy);
                files.add(GroupHistogramChart.write(entropy, er[0], er[1], 30, "attention entropy / log T (1 = uniform)",
                        "Attention entropy, normal vs anomalous test series",
                        dir.resolve("attention-entropy-hist.png")));
            }
            return files;
        }

        /** @return {@code [lo, hi]}: the values' range widened by 2 % on each side (or by 0.5 if flat) */
        private static double[] span(Map<String, double[]> groups) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] v : groups.values()) {
                for (double x : v) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            double pad = hi > lo ? 0.02 * (hi - lo) : 0.5;
            return new double[] {lo - pad, hi + pad};
        }

        private static Map<String, double[]> groups(double[] normal, double[] anomalous) {
            Map<String, double[]> g = new LinkedHashMap<>();
            if (normal.length > 0) {
                g.put("normal", normal);
            }
            if (anomalous.length > 0) {
                g.put("anomalous", anomalous);
            }
            return g;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return v.length == 0 ? Double.NaN : s / v.length;
        }

        private static void quartiles(PrintWriter o, String key, double[] v) {
            line(o, key, v.length == 0 ? "n/a" : Quartiles.of(v).text());
        }
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Path[] attentionPlots(List<AnomalySample> samples, LabelledSeries data, ClassifierPredictions p) {
        Path[] files = new Path[2];
        for (int want = 1; want >= 0; want--) {
            for (int i = 0; i < samples.size(); i++) {
                if (data.labels()[i] == want) {
                    AnomalySample s = samples.get(i);
                    double[] x = channel(data, i, 0);
                    double[] a = toDouble(p.attention()[i]);
                    String name = want == 1 ? "attention-anomalous.png" : "attention-normal.png";
                    files[1 - want] = SignalAttentionChart.write(x, a, String.format(Locale.ROOT,
                            "%s test series, p(anomaly) = %.3f", want == 1 ? "Anomalous" : "Normal",
                            p.scores()[i][0]), "attention", s.start() >= 0
                            ? new int[] {s.start(), s.end()} : null, out.resolve(name));
                    break;
                }
            }
        }
        return files;
    }

    private void hybrid(PrintWriter o) {
        Path file = csv;
        if (file == null) {
            file = writeFeatureCsv(quick ? 1500 : 5000, 64, seed, out.resolve("features.csv"));
        }
        FeatureTable table = FeatureTable.read(file, "label");
        LabelledSeries all = table.data();
        int n = all.size();
        int nTrain = (int) (0.7 * n);
        int nVal = (int) (0.15 * n);
        LabelledSeries train = all.slice(0, nTrain);
        LabelledSeries val = all.slice(nTrain, nTrain + nVal);
        LabelledSeries test = all.slice(nTrain + nVal, n);
        int k = table.classNames().size();
        int maxEpochs = epochs != null ? epochs : quick ? 15 : 30;
        long t0 = System.nanoTime();
        LogisticRegression baseline = LogisticRegression.fit(train, 300, 0.5, 1e-4, seed);
        double[][] baseP = new double[test.size()][];
        for (int i = 0; i < baseP.length; i++) {
            baseP[i] = baseline.probabilities(test.samples()[i]);
        }
        List<String> classes = table.classNames();
        ClassificationMetrics base = ClassificationMetrics.of(test.labels(), baseP, classes);
        try (Model model = Model.newInstance("hybrid")) {
            HybridCnnLstmAttention net = new HybridCnnLstmAttention(all.length(), k,
                    HybridCnnLstmAttention.DEFAULT_HIDDEN, HybridCnnLstmAttention.DEFAULT_HEADS);
            model.setBlock(net);
            TrainingResult r = new ClassifierTrainer(
                    new ClassifierTrainingConfig(maxEpochs, 32, 1e-3f, 5, 10, 0.5, seed)).fit(model, train, val);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ClassifierPredictions p = ClassifierPredictions.predict(net, model.getNDManager(), test, 64);
            ClassificationMetrics metrics = ClassificationMetrics.of(test.labels(), p.probabilities(), classes);
            Path ckpt = ModelCheckpoint.save(net, out.resolve("hybrid.ckpt"));
            r.writeCsv(out.resolve("hybrid-curves.csv"));
            Path curves = ClassifierCurvesChart.write(r.history(), "CNN-LSTM-attention: training curves",
                    out.resolve("hybrid-curves.png"));
            int[] predicted = p.classes(0.5);
            Path gradCam = gradCamPlot(net, model.getNDManager(), test, predicted, classes);
            long e0 = System.nanoTime();
            List<String> shapLines = new ArrayList<>();
            List<Path> shap = kernelShapPlots(net, model.getNDManager(), train, test, predicted, classes, shapLines);
            List<Path> gradient = gradientPlots(net, model.getNDManager(), train, test, predicted, classes, shapLines);
            double explainSeconds = (System.nanoTime() - e0) / 1e9;
            List<Path> maps = MultiHeadAttentionMaps.write(p.attention()[0], HybridCnnLstmAttention.DEFAULT_HEADS,
                    "Test row 0 (" + classes.get(test.labels()[0]) + ")", out, "hybrid-attention");
            line(o, "task", "hybrid (" + file + ", " + n + " rows, " + all.length() + " features, " + k + " classes)");
            line(o, "epochs_run", r.history().size());
            line(o, "best_epoch", r.bestEpoch());
            line(o, "train_seconds", String.format(Locale.ROOT, "%.1f", seconds));
            metrics(o, metrics);
            line(o, "baseline_accuracy", base.accuracy());
            line(o, "baseline_f1", base.f1());
            line(o, "baseline_roc_auc", base.rocAuc());
            line(o, "beats_baseline", metrics.accuracy() > base.accuracy());
            for (String l : shapLines) {
                o.println(l);
            }
            line(o, "explain_seconds", String.format(Locale.ROOT, "%.1f", explainSeconds));
            line(o, "checkpoint", ckpt);
            line(o, "threads", threads);
            List<Path> plots = new ArrayList<>(List.of(maps.get(maps.size() - 1), curves, gradCam));
            plots.addAll(shap);
            plots.addAll(gradient);
            line(o, "plots", plots.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                    + " (+ one attention map per head)");
            o.print(metrics.report());
        }
    }

    /**
     * Seed 000: trains a {@link SignalEmbeddingNet} with batch-hard triplet loss on the anomaly
     * kind (5 classes) plus the keypoint loss on the anomaly boundaries; reports the test set's
     * nearest-neighbour accuracy against the training embeddings and how often the most probable
     * start/end step lies within one pooled step (4 input steps) of the truth.
     */
    private void embedding(PrintWriter o) {
        int n = seriesCount != null ? seriesCount : quick ? 1000 : 5000;
        int length = seriesLength != null ? seriesLength : quick ? 128 : 256;
        int h = hidden != null ? hidden : quick ? 64 : 128;
        int maxEpochs = epochs != null ? epochs : quick ? 15 : 30;
        List<AnomalySample> samples = SineAnomalies.builder().optLength(length).optSeed(seed)
                .optNormalRatio(0.2).build().generate(n);
        LabelledSeries scaled = series(samples);
        int[][] keypoints = new int[n][];
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            AnomalySample s = samples.get(i);
            keypoints[i] = EmbeddingSamples.boundaryTargets(length, s.start(), s.end());
            kinds[i] = s.kind().ordinal();
        }
        EmbeddingSamples all = new EmbeddingSamples(scaled.samples(), kinds, keypoints);
        int nTrain = (int) (0.7 * n);
        int nVal = (int) (0.15 * n);
        EmbeddingSamples train = all.slice(0, nTrain);
        EmbeddingSamples val = all.slice(nTrain, nTrain + nVal);
        EmbeddingSamples test = all.slice(nTrain + nVal, n);
        long t0 = System.nanoTime();
        try (Model model = Model.newInstance("embedding")) {
            SignalEmbeddingNet net = new SignalEmbeddingNet(length, h, 64, EmbeddingSamples.KEYPOINT_CLASSES);
            model.setBlock(net);
            EmbeddingTrainingConfig d = EmbeddingTrainingConfig.defaults(maxEpochs, seed);
            TrainingResult r = new SignalEmbeddingTrainer(new EmbeddingTrainingConfig(maxEpochs,
                    batchSize != null ? batchSize : d.batchSize(),
                    learningRate != null ? learningRate : d.learningRate(), d.margin(),
                    d.keypointWeight(), d.boundaryWeight(), d.patience(), seed)).fit(model, train, val);
            double seconds = (System.nanoTime() - t0) / 1e9;
            EmbeddingPredictions pTrain = EmbeddingPredictions.predict(net, model.getNDManager(), train, 64);
            EmbeddingPredictions pTest = EmbeddingPredictions.predict(net, model.getNDManager(), test, 64);
            double knn = EmbeddingPredictions.nearestNeighbourAccuracy(pTrain.embeddings(), train.classes(),
                    pTest.embeddings(), test.classes());
            List<AnomalySample> testSamples = samples.subList(nTrain + nVal, n);
            int anomalous = 0;
            int startHits = 0;
            int endHits = 0;
            int plotRow = -1;
            for (int i = 0; i < testSamples.size(); i++) {
                AnomalySample s = testSamples.get(i);
                if (s.start() < 0 || s.kind() == AnomalyKind.SPIKE) {
                    continue; // a spike is one step: its start and end share a cell, marked END
                }
                anomalous++;
                plotRow = plotRow < 0 ? i : plotRow;
                startHits += Math.abs(pTest.peakStep(i, EmbeddingSamples.START)
                        - s.start() / EmbeddingSamples.POOL) <= 1 ? 1 : 0;
                endHits += Math.abs(pTest.peakStep(i, EmbeddingSamples.END)
                        - (s.end() - 1) / EmbeddingSamples.POOL) <= 1 ? 1 : 0;
            }
            Path ckpt = ModelCheckpoint.save(net, out.resolve("embedding.ckpt"));
            r.writeCsv(out.resolve("embedding-curves.csv"));
            Path curves = ClassifierCurvesChart.write(r.history(),
                    "Signal embedding net: training curves (accuracy = validation leave-one-out 1-NN)",
                    out.resolve("embedding-curves.png"));
            Path att = null;
            if (plotRow >= 0) {
                AnomalySample s = testSamples.get(plotRow);
                double[] a = toDouble(pTest.attention()[plotRow]);
                att = SignalAttentionChart.write(toDouble(test.series()[plotRow]),
                        GradCam1d.upsample(a, length), "Embedding net attention (upsampled from T/4), test "
                                + s.kind().name().toLowerCase(Locale.ROOT) + " series", "attention",
                        new int[] {s.start(), s.end()}, out.resolve("embedding-attention.png"));
            }
            line(o, "task", "embedding (triplet + keypoint loss, 5 anomaly kinds)");
            line(o, "series", n + " x " + length + " (train " + nTrain + ", val " + nVal + ", test " + test.size() + ")");
            line(o, "hidden", h);
            line(o, "epochs_run", r.history().size());
            line(o, "best_epoch", r.bestEpoch());
            line(o, "train_seconds", String.format(Locale.ROOT, "%.1f", seconds));
            line(o, "knn_accuracy", knn);
            line(o, "keypoint_start_within_1", (double) startHits / Math.max(1, anomalous));
            line(o, "keypoint_end_within_1", (double) endHits / Math.max(1, anomalous));
            line(o, "threads", threads);
            line(o, "checkpoint", ckpt);
            line(o, "plots", curves + (att != null ? ", " + att : ""));
        }
    }

    /**
     * Grad-CAM of the last conv block for the first test row that is an anomaly the model
     * classified correctly (else test row 0), explaining its predicted class.
     */
    private Path gradCamPlot(HybridCnnLstmAttention net, NDManager manager, LabelledSeries test,
            int[] predicted, List<String> classes) {
        int row = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.labels()[i] != 0 && predicted[i] == test.labels()[i]) {
                row = i;
                break;
            }
        }
        int f = test.length();
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(test.samples()[row], new Shape(1, f));
            double[] cam = GradCam1d.explain(a -> net.convFeatures(ps, a, false),
                    a -> net.head(ps, a, false).get(0), x, predicted[row], f);
            return SignalAttentionChart.write(toDouble(test.samples()[row]), cam, String.format(Locale.ROOT,
                    "Grad-CAM (last conv block), test row %d: true %s, predicted %s", row,
                    classes.get(test.labels()[row]), classes.get(predicted[row])), "Grad-CAM", null,
                    out.resolve("hybrid-gradcam.png"));
        }
    }

    /**
     * Exact Kernel SHAP over {@value #SHAP_GROUPS} feature groups for every class's probability
     * of {@value #SHAP_ROWS} test rows (seed 003's {@code NUM_SAMPLES_TO_EXPLAIN}; background: 16
     * training rows): a summary bar plot stacked over the classes, one beeswarm per class, and a
     * force plot of row 0's predicted class.
     */
    private List<Path> kernelShapPlots(HybridCnnLstmAttention net, NDManager manager, LabelledSeries train,
            LabelledSeries test, int[] predicted, List<String> classes, List<String> lines) {
        int f = test.length();
        float[][] background = firstRows(train, 16);
        List<String> names = new ArrayList<>();
        KernelShap probe = new KernelShap(rows -> new double[rows.length], background, SHAP_GROUPS);
        for (int g = 0; g < SHAP_GROUPS; g++) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < f; i++) {
                if (probe.group(i, f) == g) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            names.add("x" + first + "-x" + last);
        }
        int rows = Math.min(SHAP_ROWS, test.size());
        Map<String, List<Attribution>> perClass = new LinkedHashMap<>();
        for (String c : classes) {
            perClass.put(c, new ArrayList<>());
        }
        BlockModel probabilities = new BlockModel(net, manager, new Shape(f), y -> y.get(0).softmax(1));
        KernelShap shap = KernelShap.multiOutput(probabilities::outputRows, background, SHAP_GROUPS);
        double gap = 0;
        for (int i = 0; i < rows; i++) {
            List<Attribution> each = shap.explainAll(test.samples()[i], 1 << SHAP_GROUPS, seed);
            for (int c = 0; c < classes.size(); c++) {
                gap = Math.max(gap, each.get(c).additivityGap());
                perClass.get(classes.get(c)).add(each.get(c));
            }
        }
        List<Path> files = perClassPlots(perClass, names, SHAP_GROUPS,
                String.format(Locale.ROOT, "Kernel SHAP (exact, %d groups)", SHAP_GROUPS),
                String.format(Locale.ROOT, "%d test rows", rows), out, "hybrid-shap");
        Attribution first = perClass.get(classes.get(predicted[0])).get(0);
        files.add(PngFile.write(ShapPlots.force(first, names, 6, String.format(Locale.ROOT,
                "Kernel SHAP force plot, test row 0: p(%s) = %.3f", classes.get(predicted[0]), first.output())),
                PlotSize.DEFAULT, out.resolve("hybrid-shap-force.png")));
        lines.add(String.format(Locale.ROOT, "kernel_shap_max_additivity_gap: %.2e", gap));
        return files;
    }

    /**
     * Gradient SHAP (expected gradients, {@value #GRADIENT_SHAP_DRAWS} stratified draws per row
     * over {@value #GRADIENT_SHAP_BACKGROUND} background training rows, 8 path points each: on the
     * trained model a probability can jump along a path, and with 100 rows of 2 points, seed 003's
     * {@code NUM_SHAP_BACKGROUND_SAMPLES}, the additivity gap was a third of the output change) per
     * feature for
     * every class's probability of {@value #GRADIENT_SHAP_ROWS} test rows: a summary bar plot
     * stacked over the classes, one beeswarm per class, the force plot and the per-feature bars of
     * row 0's predicted class; and integrated gradients of row 0's predicted class from the zero
     * row ({@value #IG_STEPS} midpoints), with its completeness gap.
     */
    private List<Path> gradientPlots(HybridCnnLstmAttention net, NDManager manager, LabelledSeries train,
            LabelledSeries test, int[] predicted, List<String> classes, List<String> lines) {
        int f = test.length();
        float[][] background = firstRows(train, GRADIENT_SHAP_BACKGROUND);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < f; i++) {
            names.add("x" + i);
        }
        int rows = Math.min(GRADIENT_SHAP_ROWS, test.size());
        Map<String, List<Attribution>> perClass = new LinkedHashMap<>();
        double gap = 0;
        double change = 0;
        for (int c = 0; c < classes.size(); c++) {
            GradientShap shap = new GradientShap(classProbability(net, manager, f, c), background);
            List<Attribution> list = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                Attribution a = shap.explain(test.samples()[i], GRADIENT_SHAP_DRAWS, seed + i);
                gap += a.additivityGap();
                change += Math.abs(a.output() - a.baseValue());
                list.add(a);
            }
            perClass.put(classes.get(c), list);
        }
        int top = Math.min(15, f);
        List<Path> files = perClassPlots(perClass, names, top, "Gradient SHAP",
                String.format(Locale.ROOT, "%d test rows (top %d features)", rows, top), out,
                "hybrid-gradshap");
        String c0 = classes.get(predicted[0]);
        Attribution first = perClass.get(c0).get(0);
        files.add(PngFile.write(ShapPlots.force(first, names, 8, String.format(Locale.ROOT,
                "Gradient SHAP force plot, test row 0: p(%s) = %.3f (additivity gap %.1e)", c0, first.output(),
                first.additivityGap())), PlotSize.DEFAULT, out.resolve("hybrid-gradshap-force.png")));
        files.add(AttributionBarChart.write(first, String.format(Locale.ROOT,
                "Gradient SHAP per feature, test row 0, p(%s): base %.3f, output %.3f", c0, first.baseValue(),
                first.output()), out.resolve("hybrid-gradshap-features.png")));
        Attribution ig = new IntegratedGradients(classProbability(net, manager, f, predicted[0]))
                .explain(test.samples()[0], new float[f], IG_STEPS);
        files.add(AttributionBarChart.write(ig, String.format(Locale.ROOT,
                "Integrated gradients from the zero row, test row 0, p(%s): %.3f -> %.3f, completeness gap %.1e",
                c0, ig.baseValue(), ig.output(), ig.additivityGap()), out.resolve("hybrid-ig.png")));
        int explained = classes.size() * rows;
        lines.add(String.format(Locale.ROOT, "gradient_shap_mean_additivity_gap: %.2e", gap / explained));
        lines.add(String.format(Locale.ROOT, "gradient_shap_mean_abs_change: %.4f", change / explained));
        lines.add(String.format(Locale.ROOT, "integrated_gradients_completeness_gap: %.2e", ig.additivityGap()));
        lines.add(String.format(Locale.ROOT, "integrated_gradients_change: %.4f", ig.output() - ig.baseValue()));
        return files;
    }

    /** The softmax probability of class {@code c} as an explainable model of {@code [F]} rows. */
    private static BlockModel classProbability(HybridCnnLstmAttention net, NDManager manager, int features, int c) {
        return new BlockModel(net, manager, new Shape(features), y -> y.get(0).softmax(1).get(":, " + c));
    }

    private static float[][] firstRows(LabelledSeries data, int max) {
        float[][] rows = new float[Math.min(max, data.size())][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = data.samples()[i];
        }
        return rows;
    }

    /**
     * Writes the summary bar stacked by class ({@code <prefix>-summary.png}) and one beeswarm
     * per class ({@code <prefix>-beeswarm-<class>.png}) of per-class attributions.
     *
     * @return the files written, in that order (mutable, for the caller's further plots)
     */
    private static List<Path> perClassPlots(Map<String, List<Attribution>> perClass,
            List<String> names, int top, String method, String rowsNote, Path out,
            String prefix) {
        List<Path> files = new ArrayList<>();
        files.add(PngFile.write(ShapPlots.summaryBarByClass(perClass, names, top,
                method + ", class probabilities, " + rowsNote), PlotSize.DEFAULT,
                out.resolve(prefix + "-summary.png")));
        for (Map.Entry<String, List<Attribution>> e : perClass.entrySet()) {
            files.add(PngFile.write(ShapPlots.beeswarm(e.getValue(), names, top,
                    method + " beeswarm, p(" + e.getKey() + "), " + rowsNote), PlotSize.DEFAULT,
                    out.resolve(prefix + "-beeswarm-" + fileName(e.getKey()) + ".png")));
        }
        return files;
    }

    /** A class name as a file-name part: lower case, runs of other characters as '-'. */
    static String fileName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "class" : s;
    }

    /**
     * Writes the hybrid task's CSV: rows of {@code length} steps from {@link SineAnomalies} (all
     * anomaly kinds), each divided by its largest absolute value, labelled by the anomaly kind.
     *
     * @param n rows
     * @param length features per row
     * @param seed generator seed
     * @param path the CSV file
     * @return {@code path}
     */
    static Path writeFeatureCsv(int n, int length, long seed, Path path) {
        List<AnomalySample> samples = SineAnomalies.builder().optLength(length).optSeed(seed)
                .optNormalRatio(0.2).build().generate(n);
        LabelledSeries data = series(samples);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            names.add("x" + i);
        }
        List<String> classes = new ArrayList<>();
        for (AnomalyKind kind : AnomalyKind.values()) {
            classes.add(kind.name().toLowerCase(Locale.ROOT));
        }
        int[] labels = samples.stream().mapToInt(s -> s.kind().ordinal()).toArray();
        return new FeatureTable(names, classes,
                new LabelledSeries(data.samples(), labels, length, 1)).write(path, "label");
    }

    /**
     * The samples as model input: each series divided by its largest absolute value (the
     * generator's amplitudes span 1..10), label 1 for an anomaly.
     */
    static LabelledSeries series(List<AnomalySample> samples) {
        float[][] x = new float[samples.size()][];
        int[] y = new int[samples.size()];
        for (int i = 0; i < x.length; i++) {
            float[] v = samples.get(i).values();
            float max = 1e-6f;
            for (float f : v) {
                max = Math.max(max, Math.abs(f));
            }
            for (int t = 0; t < v.length; t++) {
                v[t] /= max;
            }
            x[i] = v;
            y[i] = samples.get(i).start() >= 0 ? 1 : 0;
        }
        AnomalySample first = samples.get(0);
        return new LabelledSeries(x, y, first.length(), first.channels());
    }

    /**
     * The detector's input: channel 0 is the series divided by its largest absolute value, channel
     * 1 its step-to-step difference {@code x[t] - x[t-1]} (0 at {@code t = 0}) divided by the
     * largest absolute difference. A flat segment is a run of exact zeros in channel 1, which a
     * smooth sine never has for more than a step or two.
     *
     * @param samples generated samples (univariate)
     * @return {@code [N][T * 2]} interleaved {@code (value, difference)} pairs, label 1 for an anomaly
     */
    static LabelledSeries detectorInputs(List<AnomalySample> samples) {
        LabelledSeries scaled = series(samples);
        if (scaled.channels() != 1) {
            throw new IllegalArgumentException("detector inputs are built from univariate series, got "
                    + scaled.channels() + " channels");
        }
        int t = scaled.length();
        float[][] x = new float[scaled.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] v = scaled.samples()[i];
            float[] d = new float[t];
            float max = 1e-6f;
            for (int s = 1; s < t; s++) {
                d[s] = v[s] - v[s - 1];
                max = Math.max(max, Math.abs(d[s]));
            }
            float[] pair = new float[2 * t];
            for (int s = 0; s < t; s++) {
                pair[2 * s] = v[s];
                pair[2 * s + 1] = d[s] / max;
            }
            x[i] = pair;
        }
        return new LabelledSeries(x, scaled.labels(), t, 2);
    }

    private static double[] channel(LabelledSeries data, int sample, int c) {
        float[] v = data.samples()[sample];
        double[] out = new double[data.length()];
        for (int s = 0; s < out.length; s++) {
            out[s] = v[s * data.channels() + c];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static void line(PrintWriter o, String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        o.println(key + ": " + v);
        o.flush();
    }
}
