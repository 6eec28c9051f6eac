package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinj.spin.train.CosineRestartsSchedule;
import org.spinj.spin.train.Injection;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine;

class TrainOptionsTest {

    private static TrainingOptions parse(String... args) {
        TrainOptions o = new TrainOptions();
        new CommandLine(o).parseArgs(args);
        return o.trainingOptions();
    }

    @Test
    void aDurationBudgetPacesTheScheduleUnlessEpochsAreGiven() {
        TrainingOptions paced = parse("--budget", "1h30m", "--steps-per-epoch", "200");
        assertThat(paced.timeBudget()).isEqualTo(Duration.ofMinutes(90));
        assertThat(paced.budgetPaced()).isTrue();
        assertThat(paced.stepsPerEpoch()).isEqualTo(200);

        TrainingOptions byEpoch = parse("--budget", "20m", "--epochs", "40");
        assertThat(byEpoch.timeBudget()).isEqualTo(Duration.ofMinutes(20));
        assertThat(byEpoch.budgetPaced()).isFalse();
        assertThat(byEpoch.scheduleEpochs()).isEqualTo(40);

        assertThat(parse("--budget", "quick").budgetPaced()).isFalse();
        assertThat(parse().budgetPaced()).isFalse();
        assertThat(parse().timeBudget()).isNull();
    }

    @Test
    void whiteningAndValidationStrideAreOptionsWithThePaperAsDefault() {
        assertThat(parse().whitenProbabilities()).containsExactly(0.2, 0.5, 0.8);
        assertThat(parse().validationStride()).isEqualTo(1);

        TrainingOptions o = parse("--whiten", "0.25,0.5", "--val-stride", "4");
        assertThat(o.whitenProbabilities()).containsExactly(0.25, 0.5);
        assertThat(o.validationStride()).isEqualTo(4);
        // later withers keep them
        assertThat(o.withSeed(7).withBatch(4, 2).whitenProbabilities()).containsExactly(0.25, 0.5);
        assertThat(o.withLearningRate(1e-3f).validationStride()).isEqualTo(4);
    }

    @Test
    void theLearningRateFloorIsAnOptionWithThePaperAsDefault() {
        assertThat(parse().lrFloor()).isEqualTo(0.1);
        TrainingOptions o = parse("--lr-floor", "0.3", "--budget", "60m", "--lr", "1e-3");
        assertThat(o.lrFloor()).isEqualTo(0.3);
        assertThat(o.withSeed(3).withInjection(Injection.HYBRID).lrFloor()).isEqualTo(0.3);
        CosineRestartsSchedule s = CosineRestartsSchedule.budget(1e-3f, o.lrFloor());
        assertThat(s.valueAtProgress(0.9)).isCloseTo(3e-4f, within(1e-9f));
        assertThat(s.valueAtProgress(0.2)).isGreaterThan(3e-4f);
        assertThatThrownBy(() -> parse("--lr-floor", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--lr-floor must be in (0, 1]");
    }

    @Test
    void injectionIsAnOptionWithThePaperAsDefault() {
        assertThat(parse().injection()).isEqualTo(Injection.POINTS);
        TrainingOptions o = parse("--inject", "hybrid", "--budget", "30m");
        assertThat(o.injection()).isEqualTo(Injection.HYBRID);
        assertThat(o.withSeed(3).withBatch(4, 1).withTimeBudget(null).injection())
                .isEqualTo(Injection.HYBRID);
        assertThat(parse("--inject", "HISTORICAL").injection()).isEqualTo(Injection.HISTORICAL);
        assertThat(parse("--inject", "outages").injection()).isEqualTo(Injection.OUTAGES);
        assertThatThrownBy(() -> parse("--inject", "blocks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--inject")
                .hasMessageContaining("expected points, historical, hybrid or outages");
    }

    @Test
    void badWhiteningOrStrideNamesTheOption() {
        assertThatThrownBy(() -> parse("--whiten", "0.2,1.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--whiten 1.5");
        assertThatThrownBy(() -> parse("--val-stride", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--val-stride must be >= 1");
    }
}
