package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;

/**
 * {@link MonitoredInference} gives the model's own evaluate and impute to the bit, reports one
 * progress step per batch, and leaves no arrays behind; {@link StepProgress} prints plain lines
 * at every quarter, a redrawn line on a terminal, and nothing when quiet.
 */
class MonitoredInferenceTest {

    static ImputationTask task;
    static ImputationModel model;

    @BeforeAll
    static void untrainedTinySpin() {
        task = TinySpin.task();
        model = TinySpin.untrained(task);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static StepProgress silent(long total) {
        return new StepProgress(new PrintWriter(new StringWriter()), true, false, "t", total);
    }

    @Test
    void evaluateEqualsTheModelsOwnAndStepsOncePerBatch() {
        int[] windows = Arrays.copyOf(task.split().test(), 7);
        StepProgress p = silent(MonitoredInference.batches(7, 3));
        ImputationModel.Evaluation got = MonitoredInference.evaluate(model, task, windows, 3, p, "");
        ImputationModel.Evaluation want = model.evaluate(task, windows, 3);
        assertThat(got).isEqualTo(want);
        assertThat(p.completed()).isEqualTo(3); // 7 windows in batches of 3: 3 + 3 + 1
    }

    @Test
    void imputeEqualsTheModelsOwnAndStepsOncePerBatch() {
        SpatioTemporalSeries s = task.series().sliceTime(0, 40);
        int batches = MonitoredInference.imputeBatches(model, s, 8);
        assertThat(batches).isEqualTo(4); // 40 - 12 + 1 = 29 windows in batches of 8
        StepProgress p = silent(batches);
        float[] got = MonitoredInference.impute(model, s, 8, p);
        assertThat(got).containsExactly(model.impute(s, 1, 8));
        assertThat(p.completed()).isEqualTo(4);
    }

    @Test
    void imputeRejectsAnotherNodeCountAndAShortSeries() {
        SpatioTemporalSeries fewer = task.series().sliceTime(0, 40).selectNodes(new int[] {0, 1});
        assertThatThrownBy(() -> MonitoredInference.impute(model, fewer, 8, silent(1)))
                .hasMessage("the series has 2 nodes, the model was trained on 36");
        SpatioTemporalSeries shortSeries = task.series().sliceTime(0, 5);
        assertThat(MonitoredInference.imputeBatches(model, shortSeries, 8)).isEqualTo(1);
        assertThatThrownBy(() -> MonitoredInference.impute(model, shortSeries, 8, silent(1)))
                .hasMessage("the series has 5 steps, fewer than the window 12");
    }

    @Test
    void repeatedInferenceLeavesNoArraysBehind() {
        SpatioTemporalSeries s = task.series().sliceTime(0, 20);
        int[] windows = Arrays.copyOf(task.split().test(), 2);
        List<Integer> counts = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            MonitoredInference.impute(model, s, 4, silent(3));
            MonitoredInference.evaluate(model, task, windows, 2, silent(1), "");
            counts.add(countAll());
        }
        assertThat(counts.subList(1, counts.size())).containsOnly(counts.get(1));
    }

    private static int countAll() {
        return ((BaseNDManager) NDManager.newBaseManager().getParentManager()).getManagedArrays()
                .size();
    }

    @Test
    void plainProgressPrintsAtEveryQuarterThenTheTotal() {
        StringWriter w = new StringWriter();
        StepProgress p = new StepProgress(new PrintWriter(w), false, false, "impute", 8);
        for (int k = 0; k < 8; k++) {
            p.step(k < 4 ? "first half" : "");
        }
        p.finish();
        List<String> lines = w.toString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("impute 2/8 (25%)  first half  ETA ");
        assertThat(lines.get(1)).startsWith("impute 4/8 (50%)  first half  ETA ");
        assertThat(lines.get(2)).startsWith("impute 6/8 (75%)  ETA ");
        assertThat(lines.get(3)).startsWith("impute 8/8 (100%)  ETA 0s");
        assertThat(lines.get(4)).matches("impute: 8 steps in \\d+s");
    }

    @Test
    void terminalProgressRedrawsOneLine() {
        StringWriter w = new StringWriter();
        StepProgress p = new StepProgress(new PrintWriter(w), false, true, "evaluate", 2);
        p.step("p=0.5");
        p.step("p=0.5");
        p.finish();
        assertThat(w.toString()).startsWith("\revaluate 1/2  p=0.5  ETA ")
                .contains("\revaluate 2/2  p=0.5  ETA 0s")
                .endsWith("\revaluate: 2 steps in 0s" + System.lineSeparator());
    }

    @Test
    void quietProgressPrintsNothing() {
        StringWriter w = new StringWriter();
        StepProgress p = new StepProgress(new PrintWriter(w), true, true, "evaluate", 2);
        p.step("");
        p.step("");
        p.finish();
        assertThat(w.toString()).isEmpty();
        assertThat(p.completed()).isEqualTo(2);
        assertThatThrownBy(() -> new StepProgress(new PrintWriter(w), true, true, "evaluate", 0))
                .hasMessage("evaluate: expected at least 1 step, got 0");
    }
}
