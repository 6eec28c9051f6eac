package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinj.temporal.models.FeatureTable;
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
        assertThat(out).contains("accuracy: ").contains("baseline_accuracy: ").contains("f1: ");
        assertThat(dir.resolve("hybrid-attention-mean.png")).exists();
        assertThat(dir.resolve("hybrid-attention-head4.png")).exists();
        assertThat(dir.resolve("hybrid.ckpt")).exists();
    }

    @Test
    void unknownTaskIsRejected() {
        CommandLine cl = new CommandLine(new ClassifyCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("nope")).isNotZero();
    }

    @Test
    void anomalyRunPrintsTheRequiredKeysAndTwoPlots() throws Exception {
        String out = run("anomaly", "--quick", "--epochs", "1", "--out", dir.toString());
        assertThat(out).contains("accuracy: ", "f1: ", "roc_auc: ", "attention_accuracy: ");
        assertThat(Files.size(dir.resolve("attention-anomalous.png"))).isPositive();
        assertThat(Files.size(dir.resolve("attention-normal.png"))).isPositive();
    }
}
