package org.spinj.spin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The hidden subsets of {@link MaskEnsemble}: reproducible per window and copy, at the rate. */
class MaskEnsembleTest {

    @Test
    void aCopysHiddenSubsetDependsOnlyOnTheSeedTheWindowAndTheCopy() {
        MaskEnsemble e = new MaskEnsemble(4, 0.3, 7L);
        assertThat(e.keep(120, 2, 500)).containsExactly(e.keep(120, 2, 500));
        assertThat(e.keep(120, 2, 500)).isNotEqualTo(e.keep(120, 3, 500));
        assertThat(e.keep(120, 2, 500)).isNotEqualTo(e.keep(121, 2, 500));
        assertThat(e.keep(120, 2, 500))
                .isNotEqualTo(new MaskEnsemble(4, 0.3, 8L).keep(120, 2, 500));
    }

    @Test
    void entriesAreHiddenAtTheDropRate() {
        float[] keep = new MaskEnsemble(2, 0.2, 1043L).keep(0, 1, 100_000);
        double hidden = 0;
        for (float k : keep) {
            assertThat(k).isIn(0f, 1f);
            hidden += 1 - k;
        }
        assertThat(hidden / keep.length).isCloseTo(0.2, within(0.01));
        assertThat(new MaskEnsemble(2, 0.0, 1L).keep(5, 1, 1000)).containsOnly(1f);
    }

    @Test
    void oneSampleIsThePlainPassAndBadValuesAreRejected() {
        assertThat(MaskEnsemble.of(1)).isEqualTo(MaskEnsemble.NONE);
        assertThat(MaskEnsemble.NONE.isActive()).isFalse();
        assertThat(MaskEnsemble.NONE.label()).isEqualTo("none");
        assertThat(MaskEnsemble.of(8).isActive()).isTrue();
        assertThat(MaskEnsemble.of(8).label()).isEqualTo("8 x drop 0.2");
        assertThatThrownBy(() -> new MaskEnsemble(0, 0.2, 1L))
                .hasMessageContaining("samples must be >= 1");
        assertThatThrownBy(() -> new MaskEnsemble(4, 1.0, 1L))
                .hasMessageContaining("drop rate must be in [0, 1)");
        assertThatThrownBy(() -> new MaskEnsemble(4, Double.NaN, 1L))
                .hasMessageContaining("drop rate");
    }
}
