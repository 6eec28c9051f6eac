package org.spinj.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinj.experiments.bench.LayerProfile.Stage;

class LayerProfileTest {

    // encoder 1 + 2, layer0 10 + 20 (spatial 6 + 12, temporal 3 + 5), readout0 1 + 1:
    // stages 35 ms; whole step 13 + 25 = 38 ms, residual 3 ms
    private static LayerProfile profile() {
        return new LayerProfile(List.of(
                new Stage("encoder", 1, 2, 0.5, 0.25),
                new Stage("layer0/spatial", 6, 12, 4, 1),
                new Stage("layer0/temporal", 3, 5, 1, 0.5),
                new Stage("layer0", 10, 20, 6, 2),
                new Stage("readout0", 1, 1, 0.125, 0)), 13, 25);
    }

    @Test
    void topLevelStagesSumToTheStepLessTheResidualAndPartsStayUnderTheirLayer() {
        LayerProfile p = profile();
        assertThat(p.topLevel()).extracting(Stage::name)
                .containsExactly("encoder", "layer0", "readout0");
        assertThat(p.parts("layer0")).extracting(Stage::name)
                .containsExactly("layer0/spatial", "layer0/temporal");
        assertThat(p.parts("encoder")).isEmpty();
        assertThat(p.stagesMs()).isCloseTo(35, within(1e-12));
        assertThat(p.stepMs()).isCloseTo(38, within(1e-12));
        assertThat(p.residualMs()).isCloseTo(3, within(1e-12));
        assertThat(p.share(p.topLevel().get(1))).isCloseTo(30.0 / 38, within(1e-12));
        assertThat(p.forwardMb()).isCloseTo(6.625, within(1e-12));
        // rest of layer0: 10 - 6 - 3 = 1 ms forward, 20 - 12 - 5 = 3 ms backward, 1 and 0.5 MB
        Stage rest = p.rest("layer0");
        assertThat(rest.name()).isEqualTo("layer0/rest");
        assertThat(List.of(rest.forwardMs(), rest.backwardMs(), rest.forwardMb(),
                rest.backwardMb())).containsExactly(1.0, 3.0, 1.0, 0.5);
    }

    @Test
    void restIsClampedAtZeroWhenPartsTimedAloneExceedTheirLayer() {
        LayerProfile p = new LayerProfile(List.of(new Stage("layer0", 5, 5, 1, 1),
                new Stage("layer0/spatial", 6, 2, 2, 0.5)), 6, 6);
        Stage rest = p.rest("layer0");
        assertThat(rest.forwardMs()).isZero();
        assertThat(rest.backwardMs()).isEqualTo(3.0);
        assertThat(rest.forwardMb()).isZero();
        assertThatThrownBy(() -> p.rest("layer1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer1");
        assertThatThrownBy(() -> new LayerProfile(List.of(new Stage("encoder", 1, 1, 0, 0)),
                        1, 1).rest("encoder"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder has no parts");
    }

    @Test
    void tableListsEveryStageWithItsShareThenTheSumTheStepAndTheResidual() {
        assertThat(profile().table()).isEqualTo(String.join("\n",
                "| stage | fwd ms | bwd ms | share of step | fwd alloc MB | bwd alloc MB |",
                "|---|---:|---:|---:|---:|---:|",
                "| encoder | 1.0 | 2.0 | 7.9% | 0.5 | 0.3 |",
                "| layer0 | 10.0 | 20.0 | 78.9% | 6.0 | 2.0 |",
                "| layer0/spatial | 6.0 | 12.0 | 47.4% | 4.0 | 1.0 |",
                "| layer0/temporal | 3.0 | 5.0 | 21.1% | 1.0 | 0.5 |",
                "| layer0/rest (difference) | 1.0 | 3.0 | 10.5% | 1.0 | 0.5 |",
                "| readout0 | 1.0 | 1.0 | 5.3% | 0.1 | 0.0 |",
                "| sum of stages | 12.0 | 23.0 | 92.1% | 6.6 | 2.3 |",
                "| whole step (fwd + loss, bwd) | 13.0 | 25.0 | 100.0% | | |",
                "| residual (step - sum) | 1.0 | 2.0 | 7.9% | | |", ""));
    }

    @Test
    void inconsistentStagesAreRejectedByName() {
        assertThatThrownBy(() -> new LayerProfile(
                        List.of(new Stage("layer1/spatial", 1, 1, 0, 0)), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer1/spatial has no parent stage layer1");
        assertThatThrownBy(() -> new LayerProfile(List.of(new Stage("encoder", 1, 1, 0, 0),
                        new Stage("encoder", 2, 2, 0, 0)), 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder appears twice");
        assertThatThrownBy(() -> new LayerProfile(List.of(), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forward 0.0 ms");
        assertThatThrownBy(() -> new Stage("layer0", -1, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage layer0 has figure -1.0");
        assertThatThrownBy(() -> new Stage("layer0", 1, Double.NaN, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Stage("/spatial", 1, 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'/spatial'");
    }
}
