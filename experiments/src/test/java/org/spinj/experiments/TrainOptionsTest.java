package org.spinj.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
