package org.spinj.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.graph.EdgeIndex;

class SpatioTemporalSeriesTest {

    @Test
    void trainingMaskIsObservedAndNotEval() {
        SpatioTemporalSeries s = TestSeries.ramp(2, 2, 1);
        boolean[] eval = {true, false, false, false};
        SpatioTemporalSeries e = s.withEvalMask(eval);
        assertThat(e.trainingMask()).containsExactly(false, true, true, true);
        assertThat(e.countEval()).isEqualTo(1);
        assertThat(s.countEval()).isZero();
    }

    @Test
    void nonFiniteValuesBecomeMissingWhenNoMaskIsGiven() {
        SpatioTemporalSeries s = SpatioTemporalSeries.builder()
                .setTimeIndex(TestSeries.ramp(2, 1, 1).timeIndex())
                .setNodeIds(List.of("a"))
                .setValues(new float[] {1f, Float.NaN}, 1)
                .build();
        assertThat(s.observedMask()).containsExactly(true, false);
        assertThat(s.value(1, 0, 0)).isZero();
        assertThat(s.missingRate()).isEqualTo(0.5);
    }

    @Test
    void rejectsNonFiniteObservedValue() {
        assertThatThrownBy(() -> SpatioTemporalSeries.builder()
                        .setTimeIndex(TestSeries.ramp(2, 1, 1).timeIndex())
                        .setNodeIds(List.of("a"))
                        .setValues(new float[] {1f, Float.POSITIVE_INFINITY}, 1)
                        .optObserved(new boolean[] {true, true})
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t=1")
                .hasMessageContaining("Infinity");
    }

    @Test
    void rejectsEvalTargetThatIsNotObserved() {
        SpatioTemporalSeries s = SpatioTemporalSeries.builder()
                .setTimeIndex(TestSeries.ramp(2, 1, 1).timeIndex())
                .setNodeIds(List.of("a"))
                .setValues(new float[] {1f, Float.NaN}, 1)
                .build();
        assertThatThrownBy(() -> s.withEvalMask(new boolean[] {false, true}))
                .hasMessageContaining("not observed");
    }

    @Test
    void rejectsWrongShapesAndDuplicateIds() {
        SpatioTemporalSeries.Builder b = SpatioTemporalSeries.builder()
                .setTimeIndex(TestSeries.ramp(2, 1, 1).timeIndex())
                .setNodeIds(List.of("a", "b"))
                .setValues(new float[3], 1);
        assertThatThrownBy(b::build).hasMessageContaining("T*N*C = 2*2*1 = 4");
        assertThatThrownBy(() -> b.setNodeIds(List.of("a", "a")).setValues(new float[4], 1).build())
                .hasMessageContaining("'a' appears twice");
    }

    @Test
    void sliceTimeKeepsValuesMasksAndStart() {
        SpatioTemporalSeries s = TestSeries.ramp(5, 2, 2);
        boolean[] eval = new boolean[20];
        eval[2 * 4 + 3] = true; // t=2, n=1, c=1
        SpatioTemporalSeries cut = s.withEvalMask(eval).sliceTime(2, 4);
        assertThat(cut.numSteps()).isEqualTo(2);
        assertThat(cut.timeIndex().start()).isEqualTo(LocalDateTime.of(2020, 1, 1, 2, 0));
        assertThat(cut.value(1, 1, 0)).isEqualTo(310f);
        assertThat(cut.isEval(0, 1, 1)).isTrue();
        assertThat(cut.countEval()).isEqualTo(1);
    }

    @Test
    void selectNodesReordersValuesCoordinatesAndGraph() {
        SpatioTemporalSeries s = TestSeries.ramp(2, 3, 1)
                .withGraph(EdgeIndex.of(3, new int[] {0, 2}, new int[] {2, 1}));
        SpatioTemporalSeries sub = s.selectNodes(new int[] {2, 0});
        assertThat(sub.nodeIds()).containsExactly("s2", "s0");
        assertThat(sub.value(1, 0, 0)).isEqualTo(120f);
        assertThat(sub.value(1, 1, 0)).isEqualTo(100f);
        // edge 0 -> 2 becomes 1 -> 0; edge 2 -> 1 leaves the subgraph
        assertThat(sub.graph().sources()).containsExactly(1);
        assertThat(sub.graph().targets()).containsExactly(0);
        assertThatThrownBy(() -> s.selectNodes(new int[] {0, 0})).hasMessageContaining("twice");
    }

    @Test
    void accessorsReturnCopies() {
        SpatioTemporalSeries s = TestSeries.ramp(2, 1, 1);
        s.values()[0] = 42f;
        s.observedMask()[0] = false;
        assertThat(s.value(0, 0, 0)).isZero();
        assertThat(s.isObserved(0, 0, 0)).isTrue();
    }
}
