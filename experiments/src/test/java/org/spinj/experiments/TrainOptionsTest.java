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
        assertThat(parse("--budget", "paper").timeBudget()).isNull();
        // the default finishes: ten minutes of wall time, the schedule paced by the clock
        assertThat(parse().budgetPaced()).isTrue();
        assertThat(parse().timeBudget()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void whiteningAndValidationStrideAreOptionsWithThePaperAsDefault() {
        assertThat(parse().whitenProbabilities()).containsExactly(0.2, 0.5, 0.8);
        assertThat(parse("--budget", "paper").validationStride()).isEqualTo(1);
        assertThat(parse("--budget", "quick").validationStride()).isEqualTo(1);
        // a wall-time budget (the default) validates on every 4th window
        assertThat(parse().validationStride()).isEqualTo(TrainOptions.BUDGET_VAL_STRIDE);

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
    void aWallTimeBudgetFillsTheOptionsLeftUnsetWithItsLighterModel() {
        TrainOptions timed = new TrainOptions();
        new CommandLine(timed).parseArgs();
        assertThat(timed.spinConfig()).isEqualTo(TrainOptions.BUDGET_SPIN);
        // SPIN-H has no step-to-step attention: the budget's reaches do not apply to it
        assertThat(timed.spinConfig("spin-h").temporalReach()).isZero();
        assertThat(timed.spinConfig("spin-h").selfReach()).isZero();
        TrainingOptions o = timed.trainingOptions();
        assertThat(o.learningRate()).isEqualTo(TrainOptions.BUDGET_LR);
        assertThat(o.microBatches()).isEqualTo(TrainOptions.BUDGET_MICRO_BATCHES);
        assertThat(o.stepsPerEpoch()).isEqualTo(TrainOptions.BUDGET_STEPS_PER_EPOCH);

        TrainOptions paper = new TrainOptions();
        new CommandLine(paper).parseArgs("--budget", "paper");
        assertThat(paper.spinConfig()).isEqualTo(org.spinj.spin.SpinConfig.DEFAULT);
        assertThat(paper.trainingOptions().learningRate())
                .isEqualTo(TrainingOptions.paper().learningRate());
        assertThat(paper.trainingOptions().microBatches())
                .isEqualTo(TrainingOptions.paper().microBatches());

        // each given option wins over the budget's value
        TrainOptions given = new TrainOptions();
        new CommandLine(given).parseArgs("--hidden", "24", "--reach", "0", "--lr", "1e-3",
                "--micro-batches", "4", "--inject", "points", "--val-stride", "1");
        assertThat(given.spinConfig().hiddenSize()).isEqualTo(24);
        assertThat(given.spinConfig().temporalReach()).isZero();
        assertThat(given.spinConfig().selfReach())
                .isEqualTo(TrainOptions.BUDGET_SPIN.selfReach());
        TrainingOptions g = given.trainingOptions();
        assertThat(g.learningRate()).isEqualTo(1e-3f);
        assertThat(g.microBatches()).isEqualTo(4);
        assertThat(g.injection()).isEqualTo(Injection.POINTS);
        assertThat(g.validationStride()).isEqualTo(1);
        assertThatThrownBy(() -> {
            TrainOptions bad = new TrainOptions();
            new CommandLine(bad).parseArgs("--dark-steps", "lstm");
            bad.darkSteps();
        }).hasMessageContaining("--dark-steps lstm is not understood");
        assertThat(new TrainOptions().blend()).isEqualTo("auto");
        TrainOptions off = new TrainOptions();
        new CommandLine(off).parseArgs("--blend", "OFF");
        assertThat(off.blend()).isEqualTo("off");
        assertThatThrownBy(() -> {
            TrainOptions bad = new TrainOptions();
            new CommandLine(bad).parseArgs("--blend", "half");
            bad.blend();
        }).hasMessageContaining("--blend half is not understood");
    }

    @Test
    void injectionIsAnOptionWithThePaperAsDefault() {
        assertThat(parse("--budget", "paper").injection()).isEqualTo(Injection.POINTS);
        assertThat(parse().injection()).isEqualTo(Injection.OUTAGES);
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
