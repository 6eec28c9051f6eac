package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TimeIndex;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.spin.ImputationModel;

class StepGroupsTest {

    /**
     * 3 nodes, hourly from 2014-03-31 20:00 (steps 0..3 in March, 4..9 in April); step 2 and step
     * 6 are dark (nothing visible: missing at step 2, held out at step 6); one held-out target per
     * other step at node 0.
     */
    static SpatioTemporalSeries series() {
        int steps = 10;
        int nodes = 3;
        float[] values = new float[steps * nodes];
        boolean[] observed = new boolean[steps * nodes];
        boolean[] eval = new boolean[steps * nodes];
        for (int t = 0; t < steps; t++) {
            for (int n = 0; n < nodes; n++) {
                values[t * nodes + n] = t + 10 * n;
                observed[t * nodes + n] = t != 2;
            }
            eval[t * nodes] = t != 2;
        }
        for (int n = 0; n < nodes; n++) {
            eval[6 * nodes + n] = true;
        }
        return SpatioTemporalSeries.builder()
                .setTimeIndex(new TimeIndex(LocalDateTime.of(2014, 3, 31, 20, 0),
                        Duration.ofHours(1), steps, ZoneId.of("UTC")))
                .setNodeIds(List.of("a", "b", "c"))
                .setValues(values, 1)
                .optObserved(observed)
                .optEvalMask(eval)
                .build();
    }

    @Test
    void monthsFollowTheLocalCalendarInTimeOrder() {
        StepGroups g = StepGroups.of("Month", series());
        assertThat(g.name()).isEqualTo("month");
        assertThat(g.labels()).containsExactly("2014-03", "2014-04");
        assertThat(g.groupOfStep()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void outageStepsAreThoseWithNothingVisibleMissingOrHeldOut() {
        StepGroups g = StepGroups.of("outage", series());
        assertThat(g.labels()).containsExactly(StepGroups.DARK, StepGroups.LIT);
        assertThat(g.groupOfStep()).containsExactly(1, 1, 0, 1, 1, 1, 0, 1, 1, 1);
        assertThatThrownBy(() -> StepGroups.of("week", series()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--by 'week'")
                .hasMessageContaining("expected month or outage");
    }

    @Test
    void groupedScoresPartitionTheTargetsAndPoolToTheWholeScore() {
        SpatioTemporalSeries s = series();
        float[] imputed = s.values();
        for (int i = 0; i < imputed.length; i++) {
            imputed[i] += (i % 4) - 1.5f; // errors of 0.5 and 1.5, both signs
        }
        WindowSpec spec = new WindowSpec(4, 1);
        int[] windows = {0, 2, 3, 6};
        ImputationModel.Evaluation whole = SplitScoring.score(s, imputed, spec, windows);
        StepGroups g = StepGroups.byOutage(s);
        ImputationModel.Evaluation[] parts =
                SplitScoring.scoreByStep(s, imputed, spec, windows, g.groupOfStep(), g.size());
        assertThat(parts[0].series().count() + parts[1].series().count())
                .isEqualTo(whole.series().count());
        assertThat(parts[0].windows().count() + parts[1].windows().count())
                .isEqualTo(whole.windows().count());
        assertThat(parts[0].series().count()).as("the 3 held-out nodes of step 6").isEqualTo(3);
        EvaluateCommand.Row all = EvaluateCommand.Row.pool(parts, c -> true);
        assertThat(all.points()).isEqualTo(whole.series().count());
        assertThat(all.maeWindow()).isCloseTo(whole.windows().mae(), within(1e-9));
        assertThat(all.maePoint()).isCloseTo(whole.series().mae(), within(1e-9));
        assertThat(all.mseWindow()).isCloseTo(whole.windows().mse(), within(1e-9));
        EvaluateCommand.Row dark = EvaluateCommand.Row.pool(parts, c -> c == 0);
        assertThat(dark.points()).isEqualTo(3);
        assertThat(dark.maePoint()).isCloseTo(parts[0].series().mae(), within(1e-12));
        assertThatThrownBy(() -> SplitScoring.scoreByStep(s, imputed, spec, windows,
                new int[] {0, 1, 2, 0, 0, 0, 0, 0, 0, 0}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step 2 is in group 2, expected 0..1");
        assertThatThrownBy(() -> SplitScoring.scoreByStep(s, imputed, spec, windows, new int[3], 1))
                .hasMessageContaining("covers 3 steps, the series has 10");
    }
}
