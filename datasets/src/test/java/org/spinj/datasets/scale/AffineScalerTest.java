package org.spinj.datasets.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TestSeries;

class AffineScalerTest {

    @Test
    void standardUsesTrainingEntriesOfSelectedStepsPerChannel() {
        // ramp(3, 1, 2): channel 0 = 0, 100, 200; channel 1 = 1, 101, 201
        SpatioTemporalSeries s = TestSeries.ramp(3, 1, 2)
                .withEvalMask(new boolean[] {false, false, false, true, false, false});
        AffineScaler sc = AffineScaler.standard(s, new boolean[] {true, true, false});
        // channel 0: {0, 100} -> mean 50, std 50; channel 1: {1} (101 is eval) -> mean 1, std 0 -> 1
        assertThat(sc.offset()).containsExactly(50, 1);
        assertThat(sc.scale()).containsExactly(50, 1);
    }

    @Test
    void roundTripRestoresValues() {
        SpatioTemporalSeries s = TestSeries.ramp(10, 3, 2);
        for (AffineScaler sc : new AffineScaler[] {AffineScaler.standard(s, null), AffineScaler.minMax(s, null)}) {
            float[] v = s.values();
            sc.transformInPlace(v);
            sc.inverseInPlace(v);
            assertThat(v).containsExactly(s.values(), within(1e-3f));
        }
    }

    @Test
    void minMaxMapsTrainingRangeToUnitInterval() {
        SpatioTemporalSeries s = TestSeries.ramp(11, 1, 1);
        AffineScaler sc = AffineScaler.minMax(s, null);
        assertThat(sc.transform(0f, 0)).isZero();
        assertThat(sc.transform(1000f, 0)).isEqualTo(1f);
        assertThat(sc.inverse(0.5f, 0)).isEqualTo(500f);
    }
}
