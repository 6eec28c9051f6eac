package org.spinj.datasets.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TestSeries;

class MissingDataInjectorTest {

    private static double rate(boolean[] m) {
        int k = 0;
        for (boolean b : m) {
            k += b ? 1 : 0;
        }
        return (double) k / m.length;
    }

    @Test
    void pointMissingHitsAQuarterOfEntries() {
        boolean[] m = MissingDataInjector.point(1).sample(5000, 100, 1);
        assertThat(rate(m)).isCloseTo(0.25, within(0.003));
    }

    @Test
    void blockMissingMatchesTheExpectedRate() {
        // per node, faults cover about 1 - (1 - p)^L of the steps for mean length L = 29.5;
        // with 5% noise on top: 1 - (1 - 0.0015)^29.5 * 0.95 ≈ 0.0911
        boolean[] m = MissingDataInjector.block(7).sample(20000, 200, 1);
        assertThat(rate(m)).isCloseTo(0.0911, within(0.006));
    }

    @Test
    void faultsOfOneNodeShareOneLengthWithinBounds() {
        MissingDataInjector inj = new MissingDataInjector(0.002, 0, 12, 48, 3);
        boolean[] m = inj.sample(20000, 5, 1);
        for (int n = 0; n < 5; n++) {
            int run = 0;
            int minRun = Integer.MAX_VALUE;
            for (int t = 0; t < 20000; t++) {
                if (m[t * 5 + n]) {
                    run++;
                } else if (run > 0) {
                    minRun = Math.min(minRun, run);
                    run = 0;
                }
            }
            assertThat(minRun).isBetween(12, 47);
        }
    }

    @Test
    void fixedLengthWhenMinEqualsMax() {
        boolean[] m = new MissingDataInjector(0.0001, 0, 5, 5, 11).sample(100000, 1, 1);
        int first = -1;
        for (int t = 0; t < m.length; t++) {
            if (m[t]) {
                first = t;
                break;
            }
        }
        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.copyOfRange(m, first, first + 5)).containsOnly(true);
    }

    @Test
    void sameSeedGivesThePinnedMask() {
        boolean[] m = MissingDataInjector.block(9101112).sample(1000, 20, 1);
        assertThat(MissingDataInjector.block(9101112).sample(1000, 20, 1)).isEqualTo(m);
        assertThat(checksum(m)).isEqualTo(PINNED);
        assertThat(MissingDataInjector.block(9101113).sample(1000, 20, 1)).isNotEqualTo(m);
    }

    private static final long PINNED = 34549886701817420L; // SplittableRandom(9101112), recorded on first run

    private static long checksum(boolean[] m) {
        long h = 1125899906842597L;
        for (int i = 0; i < m.length; i++) {
            if (m[i]) {
                h = 31 * h + i;
            }
        }
        return h;
    }

    @Test
    void evalMaskIsInjectedAndObserved() {
        float[] v = new float[400];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 2 == 0 ? Float.NaN : i;
        }
        SpatioTemporalSeries s = SpatioTemporalSeries.builder()
                .setTimeIndex(TestSeries.ramp(100, 4, 1).timeIndex())
                .setNodeIds(TestSeries.ramp(100, 4, 1).nodeIds())
                .setValues(v, 1)
                .build();
        SpatioTemporalSeries e = MissingDataInjector.point(5).inject(s);
        boolean[] sampled = MissingDataInjector.point(5).sample(100, 4, 1);
        boolean[] eval = e.evalMask();
        for (int i = 0; i < v.length; i++) {
            assertThat(eval[i]).isEqualTo(sampled[i] && i % 2 == 1);
        }
        assertThat(e.countEval()).isPositive();
    }

    @Test
    void rejectsBadProbabilitiesAndLengths() {
        assertThatThrownBy(() -> new MissingDataInjector(1.5, 0, 1, 2, 0)).hasMessageContaining("pFault=1.5");
        assertThatThrownBy(() -> new MissingDataInjector(0, 0, 10, 5, 0)).hasMessageContaining("maxLength=5");
    }
}
