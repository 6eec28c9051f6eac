package org.spinj.datasets.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TimeFeaturesTest {

    private static float[] at(long epochSecond) {
        float[] u = new float[TimeFeatures.SIZE + 1];
        TimeFeatures.encode(epochSecond, u, 1); // at an offset: slot 0 stays untouched
        assertThat(u[0]).isZero();
        return java.util.Arrays.copyOfRange(u, 1, u.length);
    }

    @Test
    void featuresAreSinCosOfTheDayThenTheWeekPhase() {
        // epoch 0 is Thursday 00:00: day phase 0, week phase 0
        assertThat(at(0)).containsExactly(new float[] {0f, 1f, 0f, 1f}, within(1e-7f));
        // +6 h: day phase pi/2 -> (1, 0); week phase 2 pi / 28 -> (sin, cos) of pi/14
        assertThat(at(6 * 3600)).containsExactly(
                new float[] {1f, 0f, (float) Math.sin(Math.PI / 14), (float) Math.cos(Math.PI / 14)},
                within(1e-6f));
        // a week and a half day later: day phase pi -> (0, -1); week phase 2 pi / 14
        assertThat(at(7 * TimeFeatures.DAY + 12 * 3600)).containsExactly(
                new float[] {0f, -1f, (float) Math.sin(Math.PI / 7), (float) Math.cos(Math.PI / 7)},
                within(1e-6f));
    }

    @Test
    void aRealisticTimestampMatchesTheReferencePhaseAndNegativeTimesWrap() {
        long t = 1_338_508_800L + 300L; // 2012-06-01 00:05 UTC, as METR-LA's second step
        double day = 2 * Math.PI * t / TimeFeatures.DAY; // the reference's unreduced phase
        double week = 2 * Math.PI * t / TimeFeatures.WEEK;
        assertThat(at(t)).containsExactly(new float[] {(float) Math.sin(day),
            (float) Math.cos(day), (float) Math.sin(week), (float) Math.cos(week)}, within(1e-6f));
        // one second before the epoch is the end of a day and of a week
        float[] before = at(-1);
        assertThat(before[0]).isCloseTo((float) -Math.sin(2 * Math.PI / TimeFeatures.DAY),
                within(1e-7f));
        assertThat(before[1]).isCloseTo(1f, within(1e-7f));
    }
}
