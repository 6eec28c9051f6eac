package org.spinj.spin.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TimeIndex;
import org.spinj.graph.EdgeIndex;

class BaselineImputersTest {

    private static final TimeIndex TIME =
            new TimeIndex(LocalDateTime.of(2020, 1, 1, 0, 0), Duration.ofHours(1), 6, ZoneOffset.UTC);

    // node 0: 0,1,2,3,4,5 (steps 2 and 3 are eval targets); node 1: 10 everywhere, step 0 missing
    private static SpatioTemporalSeries series() {
        float[] v = new float[12];
        boolean[] obs = new boolean[12];
        boolean[] eval = new boolean[12];
        for (int t = 0; t < 6; t++) {
            v[t * 2] = t;
            obs[t * 2] = true;
            v[t * 2 + 1] = 10;
            obs[t * 2 + 1] = t != 0;
        }
        eval[2 * 2] = true;
        eval[3 * 2] = true;
        return SpatioTemporalSeries.builder()
                .setTimeIndex(TIME)
                .setNodeIds(List.of("a", "b"))
                .setValues(v, 1)
                .optObserved(obs)
                .optEvalMask(eval)
                .optGraph(EdgeIndex.of(2, new int[] {0, 1}, new int[] {1, 0}))
                .build();
    }

    @Test
    void interpolationIsExactOnALine() {
        float[] out = new LinearInterpolationImputer().impute(series());
        // node 0 visible at 0,1,4,5: interpolates 2 and 3 exactly; node 1 leading gap -> 10
        assertThat(out[4]).isEqualTo(2f, within(1e-6f));
        assertThat(out[6]).isEqualTo(3f, within(1e-6f));
        assertThat(out[1]).isEqualTo(10f);
    }

    @Test
    void locfCarriesTheLastValueAndBackfillsTheStart() {
        float[] out = new LocfImputer().impute(series());
        assertThat(out[4]).isEqualTo(1f);
        assertThat(out[6]).isEqualTo(1f);
        assertThat(out[1]).isEqualTo(10f);
    }

    @Test
    void meanUsesOnlyVisibleValuesOfTheNode() {
        float[] out = new MeanImputer().impute(series());
        // visible node-0 values 0,1,4,5 -> mean 2.5; eval targets 2 and 3 are never read
        assertThat(out[4]).isEqualTo(2.5f, within(1e-6f));
        assertThat(out[1]).isEqualTo(10f);
    }

    @Test
    void knnAveragesVisibleNeighboursAtTheSameStep() {
        float[] out = new GraphKnnImputer(null).impute(series());
        assertThat(out[4]).isEqualTo(10f); // neighbour b at step 2
        assertThat(out[1]).isEqualTo(0f); // neighbour a at step 0
    }

    @Test
    void neighbourRegressionRecoversALinearRelation() {
        // node 1 = 2 * node 0 + 1 with noise-free data; 30% of node 1 is held out
        int t = 200;
        SplittableRandom rnd = new SplittableRandom(7);
        float[] v = new float[t * 2];
        boolean[] eval = new boolean[t * 2];
        for (int s = 0; s < t; s++) {
            float a = (float) rnd.nextDouble(-5, 5);
            v[s * 2] = a;
            v[s * 2 + 1] = 2 * a + 1;
            eval[s * 2 + 1] = rnd.nextDouble() < 0.3;
        }
        SpatioTemporalSeries s =
                SpatioTemporalSeries.builder()
                        .setTimeIndex(new TimeIndex(TIME.start(), TIME.step(), t, ZoneOffset.UTC))
                        .setNodeIds(List.of("a", "b"))
                        .setValues(v, 1)
                        .optEvalMask(eval)
                        .optGraph(EdgeIndex.of(2, new int[] {0, 1}, new int[] {1, 0}))
                        .build();
        float[] mice = new NeighbourRegressionImputer(null, 3, 1e-6).impute(s);
        float[] interp = new LinearInterpolationImputer().impute(s);
        double miceErr = 0;
        double interpErr = 0;
        for (int k = 0; k < v.length; k++) {
            if (eval[k]) {
                miceErr += Math.abs(mice[k] - v[k]);
                interpErr += Math.abs(interp[k] - v[k]);
            }
        }
        assertThat(miceErr).isLessThan(interpErr / 100);
    }

    @Test
    void visibleEntriesPassThroughUnchanged() {
        SpatioTemporalSeries s = series();
        boolean[] visible = s.trainingMask();
        float[] values = s.values();
        for (Imputer imputer :
                List.of(new MeanImputer(), new LocfImputer(), new LinearInterpolationImputer(),
                        new GraphKnnImputer(null), new NeighbourRegressionImputer(null))) {
            float[] out = imputer.impute(s);
            for (int k = 0; k < out.length; k++) {
                assertThat(Float.isFinite(out[k])).as(imputer.name()).isTrue();
                if (visible[k]) {
                    assertThat(out[k]).as(imputer.name() + " entry " + k).isEqualTo(values[k]);
                }
            }
        }
    }
}
