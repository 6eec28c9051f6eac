package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.EnumSet;
import java.util.List;
import org.spinj.datasets.synthetic.AnomalyKind;
import org.spinj.datasets.synthetic.AnomalySample;
import org.spinj.datasets.synthetic.SineAnomalies;
import org.spinj.temporal.models.ClassifierPredictions;
import org.spinj.temporal.models.FeatureTable;
import org.spinj.temporal.models.LabelledSeries;
import picocli.CommandLine;

class ClassifyCommandTest {

    @TempDir Path dir;

    private String run(String... args) {
        EngineSetup.configure();
        CommandLine cl = new CommandLine(new ClassifyCommand());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute(args);
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    @Test
    void generatorWritesAFeatureCsvThatReadsBack() {
        Path csv = ClassifyCommand.writeFeatureCsv(30, 16, 3, dir.resolve("f.csv"));
        FeatureTable t = FeatureTable.read(csv, "label");
        assertThat(t.data().size()).isEqualTo(30);
        assertThat(t.featureNames()).hasSize(16).startsWith("x0");
        assertThat(t.classNames()).isSubsetOf("none", "flat", "zeros", "noise", "spike");
    }

    @Test
    void hybridOnAGivenCsvPrintsMetricsAndWritesHeatmaps() {
        Path csv = ClassifyCommand.writeFeatureCsv(60, 16, 5, dir.resolve("f.csv"));
        String out = run("hybrid", "--csv", csv.toString(), "--epochs", "1", "--out", dir.toString());
        assertThat(out).contains("accuracy: ", "precision: ", "recall: ", "f1: ", "roc_auc: ",
                "confusion_matrix: [[", "baseline_accuracy: ", "baseline_roc_auc: ", "macro avg",
                "kernel_shap_max_additivity_gap: ", "gradient_shap_mean_additivity_gap: ",
                "integrated_gradients_completeness_gap: ");
        List<String> classes = FeatureTable.read(csv, "label").classNames();
        for (String c : classes) {
            assertThat(dir.resolve("hybrid-shap-beeswarm-" + c + ".png")).exists();
            assertThat(dir.resolve("hybrid-gradshap-beeswarm-" + c + ".png")).exists();
        }
        for (String f : List.of("hybrid-gradshap-summary.png", "hybrid-gradshap-force.png",
                "hybrid-gradshap-features.png", "hybrid-ig.png")) {
            assertThat(dir.resolve(f)).exists();
        }
        double kernelGap = Double.parseDouble(value(out, "kernel_shap_max_additivity_gap"));
        assertThat(kernelGap).isLessThan(1e-4);
        assertThat(dir.resolve("hybrid-attention-mean.png")).exists();
        assertThat(dir.resolve("hybrid-attention-head4.png")).exists();
        assertThat(dir.resolve("hybrid.ckpt")).exists();
        assertThat(dir.resolve("hybrid-curves.png")).exists();
        assertThat(dir.resolve("hybrid-gradcam.png")).exists();
        assertThat(dir.resolve("hybrid-shap-summary.png")).exists();
        assertThat(dir.resolve("hybrid-shap-force.png")).exists();
    }

    @Test
    void detectorInputsTurnAFlatSegmentIntoZeroDifferences() {
        List<AnomalySample> samples = SineAnomalies.builder().optLength(64).optNormalRatio(0)
                .optKinds(EnumSet.of(AnomalyKind.FLAT)).optSeed(1).build().generate(1);
        AnomalySample s = samples.get(0);
        LabelledSeries x = ClassifyCommand.detectorInputs(samples);
        assertThat(x.channels()).isEqualTo(2);
        assertThat(x.labels()).containsExactly(1);
        float[] v = x.samples()[0];
        float maxDiff = 0;
        for (int t = 0; t < 64; t++) {
            maxDiff = Math.max(maxDiff, Math.abs(v[2 * t + 1]));
            assertThat(Math.abs(v[2 * t])).isLessThanOrEqualTo(1f);
        }
        assertThat(maxDiff).isEqualTo(1f);
        for (int t = s.start() + 1; t < s.end(); t++) {
            assertThat(v[2 * t + 1]).as("difference at flat step %d", t).isZero();
        }
    }

    @Test
    void embeddingRunPrintsItsMetricsAndWritesCurvesAndACheckpoint() {
        String out = run("embedding", "--series", "40", "--length", "32", "--hidden", "4",
                "--epochs", "1", "--out", dir.toString());
        assertThat(out).contains("knn_accuracy: ", "keypoint_start_within_1: ", "train_seconds: ");
        assertThat(dir.resolve("embedding-curves.png")).exists();
        assertThat(dir.resolve("embedding.ckpt")).exists();
    }

    @Test
    void attentionStatisticsSeparateNormalFromAnomalousSeries() {
        int t = 50;
        AnomalySample normal = new AnomalySample(new float[t], t, 1, AnomalyKind.NONE, -1, -1, -1);
        AnomalySample flat = new AnomalySample(new float[t], t, 1, AnomalyKind.FLAT, 5, 45, 0);
        float[] uniform = new float[t];
        java.util.Arrays.fill(uniform, 1f / t);
        float[] peak = new float[t];
        peak[20] = 1;
        ClassifierPredictions p = new ClassifierPredictions(new double[][] {{0.1}, {0.9}},
                new float[][] {uniform, peak});
        ClassifyCommand.AttentionStatistics s = ClassifyCommand.attentionStatistics(List.of(normal, flat), p);
        // focus [10, 30) inside the 40-step anomaly: seed value 20 / 40, its ceiling, relative 1
        assertThat(s.accuracy()).containsExactly(0.5);
        assertThat(s.ceiling()).containsExactly(0.5);
        assertThat(s.relative()).containsExactly(1.0);
        assertThat(s.peakInside()).isEqualTo(1);
        assertThat(s.peakNormal()[0]).isCloseTo(1, within(1e-5));
        assertThat(s.peakAnomalous()).containsExactly(50.0);
        assertThat(s.entropyNormal()[0]).isCloseTo(1, within(1e-5));
        assertThat(s.entropyAnomalous()).containsExactly(0.0);
        StringWriter text = new StringWriter();
        s.print(new PrintWriter(text, true));
        assertThat(text.toString()).contains("attention_accuracy: 0.5000", "attention_accuracy_relative: 1.0000",
                "attention_peak_in_anomaly: 1.0000", "attention_entropy_anomalous_quartiles: 0.0000 / 0.0000 / 0.0000");
        assertThat(s.write(dir)).hasSize(3).allSatisfy(f -> assertThat(f).exists());
    }

    @Test
    void classNamesBecomeFileNameParts() {
        assertThat(ClassifyCommand.fileName("Flat Segment/2")).isEqualTo("flat-segment-2");
        assertThat(ClassifyCommand.fileName("??")).isEqualTo("class");
    }

    private static String value(String out, String key) {
        return out.lines().filter(l -> l.startsWith(key + ": ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + key + ": ' in\n" + out))
                .substring(key.length() + 2).trim();
    }

    @Test
    void unknownTaskIsRejected() {
        CommandLine cl = new CommandLine(new ClassifyCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("nope")).isNotZero();
    }

    @Test
    void anomalyRunPrintsTheRequiredKeysAndTwoPlots() throws Exception {
        String out = run("anomaly", "--quick", "--series", "100", "--epochs", "1", "--out", dir.toString());
        assertThat(out).contains("accuracy: ", "precision: ", "recall: ", "f1: ", "roc_auc: ",
                "confusion_matrix: [[", "attention_accuracy: ", "attention_accuracy_quartiles: ",
                "attention_accuracy_ceiling: ", "attention_entropy_normal_quartiles: ", "f1-score", "anomalous");
        assertThat(Files.size(dir.resolve("attention-entropy-hist.png"))).isPositive();
        assertThat(Files.size(dir.resolve("attention-peak-hist.png"))).isPositive();
        assertThat(Files.size(dir.resolve("attention-accuracy-hist.png"))).isPositive();
        // the seed's metric never exceeds its ceiling min(20, L) / L on average
        assertThat(Double.parseDouble(value(out, "attention_accuracy")))
                .isLessThanOrEqualTo(Double.parseDouble(value(out, "attention_accuracy_ceiling")));
        assertThat(Files.size(dir.resolve("attention-anomalous.png"))).isPositive();
        assertThat(Files.size(dir.resolve("attention-normal.png"))).isPositive();
        assertThat(dir.resolve("detector-curves.png")).exists();
        assertThat(out).contains("inputs: value, difference");
    }
}
