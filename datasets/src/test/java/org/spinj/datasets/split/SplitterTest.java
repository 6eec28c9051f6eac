package org.spinj.datasets.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.TimeIndex;
import org.spinj.datasets.window.WindowSpec;

class SplitterTest {

    private static void assertNoSharedStep(WindowSplit split, int[] a, int[] b, int steps) {
        boolean[] sa = split.coveredSteps(a, steps);
        boolean[] sb = split.coveredSteps(b, steps);
        for (int t = 0; t < steps; t++) {
            assertThat(sa[t] && sb[t]).as("step %d in both splits", t).isFalse();
        }
    }

    @Test
    void temporalSplitFollowsTslArithmetic() {
        // 100 steps, T=10: 91 windows; test = int(0.2*91) = 18 -> [73, 91);
        // val = int(0.1*73) = 7 -> [66, 73) minus the last 10 -> empty; so use T=4 below
        WindowSpec spec = new WindowSpec(4, 1);
        WindowSplit s = TemporalSplitter.DEFAULT.split(spec, 100);
        // 97 windows; test = 19 -> [78, 97); val = int(0.1*78) = 7 -> [71, 78) minus 4 -> [71, 74)
        // train = [0, 71 - 4) = [0, 67)
        assertThat(s.test()).hasSize(19).startsWith(78).endsWith(96);
        assertThat(s.validation()).containsExactly(71, 72, 73);
        assertThat(s.train()).hasSize(67).endsWith(66);
        assertNoSharedStep(s, s.train(), s.validation(), 100);
        assertNoSharedStep(s, s.validation(), s.test(), 100);
        assertNoSharedStep(s, s.train(), s.test(), 100);
    }

    @Test
    void temporalSplitWithStrideNeverOverlaps() {
        WindowSpec spec = new WindowSpec(24, 5);
        WindowSplit s = TemporalSplitter.DEFAULT.split(spec, 5000);
        assertNoSharedStep(s, s.train(), s.validation(), 5000);
        assertNoSharedStep(s, s.validation(), s.test(), 5000);
        assertThat(s.train().length + s.validation().length + s.test().length)
                .isEqualTo(spec.numWindows(5000) - 2 * spec.gap());
    }

    @Test
    void temporalSplitRejectsTooShortSeries() {
        assertThatThrownBy(() -> TemporalSplitter.DEFAULT.split(new WindowSpec(24, 1), 30))
                .hasMessageContaining("too few");
    }

    @Test
    void largestWindowIsTheLongestThatSplitsAndTheNextOneDoesNot() {
        for (int steps : new int[] {60, 90, 200, 1000}) {
            int w = TemporalSplitter.DEFAULT.largestWindow(steps);
            assertThat(w).as("%d steps", steps).isGreaterThanOrEqualTo(2);
            WindowSplit s = TemporalSplitter.DEFAULT.split(new WindowSpec(w, 1), steps);
            assertThat(s.train()).isNotEmpty();
            assertThat(s.validation()).isNotEmpty();
            assertNoSharedStep(s, s.train(), s.validation(), steps);
            assertNoSharedStep(s, s.validation(), s.test(), steps);
            assertThatThrownBy(() -> TemporalSplitter.DEFAULT.split(new WindowSpec(w + 1, 1), steps))
                    .hasMessageContaining("at most " + w + " steps fits");
        }
        assertThat(TemporalSplitter.DEFAULT.largestWindow(3)).isEqualTo(1);
    }

    @Test
    void airQualitySplitTestsWholeTestMonthsAndValidationPrecedesThem() {
        TimeIndex time = new TimeIndex(LocalDateTime.of(2014, 5, 1, 1, 0), Duration.ofHours(1), 8759,
                ZoneOffset.UTC);
        WindowSpec spec = new WindowSpec(36, 1);
        WindowSplit s = AirQualitySplitter.DEFAULT.split(spec, time);
        for (int k : s.test()) {
            Month first = time.at(spec.start(k)).getMonth();
            Month last = time.at(spec.start(k) + 35).getMonth();
            assertThat(first).isEqualTo(last);
            assertThat(first.getValue() % 3).isZero();
        }
        assertNoSharedStep(s, s.train(), s.validation(), 8759);
        assertNoSharedStep(s, s.train(), s.test(), 8759);
        assertNoSharedStep(s, s.validation(), s.test(), 8759);
        // four test blocks; validation = 4 * (int(0.1 * nonTest) / 4) windows
        assertThat(s.validation().length % 4).isZero();
        int jun1 = (30 * 24 + 23); // steps from 2014-05-01 01:00 to 2014-06-01 00:00
        assertThat(s.test()[0]).isEqualTo(jun1);
        assertThat(s.validation()).contains(jun1 - 36 - 1);
        assertThat(s.validation()).doesNotContain(jun1 - 36);
    }

    @Test
    void airQualitySplitRejectsSeriesWithoutTestMonth() {
        TimeIndex time = new TimeIndex(LocalDateTime.of(2014, 1, 1, 0, 0), Duration.ofHours(1), 500,
                ZoneOffset.UTC);
        assertThatThrownBy(() -> AirQualitySplitter.DEFAULT.split(new WindowSpec(36, 1), time))
                .hasMessageContaining("no window");
        assertThatThrownBy(() -> new AirQualitySplitter(0.1, Set.of(13))).hasMessageContaining("13");
    }
}
