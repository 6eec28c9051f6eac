package org.spinj.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.spin.MaskEnsemble;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.train.Injection;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The options that choose a model and how it is trained. Unset numeric options take the value of
 * the {@code --budget} ({@code paper} by default: the reference protocol).
 */
public final class TrainOptions {

    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Option(names = "--hidden", paramLabel = "D", description = "SPIN's hidden size d (default: 32).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "SPIN's layers L (default: 4).")
    Integer layers;

    @Option(
            names = "--eta",
            paramLabel = "ETA",
            description = "First layer of phase two, 0..L (default: L - 1, the paper's 3 of 4).")
    Integer eta;

    @Option(
            names = "--reach",
            paramLabel = "R",
            description = "SPIN only: a step's spatial cross-attention sees its neighbours'"
                    + " steps at most R away instead of the whole window, at (2R + 1) / T of the"
                    + " pair cost; not the paper's configuration (default: 0, every step).")
    Integer reach;

    @Option(
            names = "--self-reach",
            paramLabel = "R",
            description = "SPIN only: in the layers below --eta a step's temporal self-attention"
                    + " sees its node's steps at most R away; the layers from --eta up still span"
                    + " the window; not the paper's configuration (default: 0, every step).")
    Integer selfReach;

    @Option(
            names = "--budget",
            paramLabel = "quick|paper|DURATION",
            description =
                    "paper: 300 epochs x 300 steps (default); quick: 20 x 50; a duration such as 30m"
                            + " or 1h30m: training stops after that wall time and the learning"
                            + " rate is paced by the clock (4%% warm-up, one cosine decay) unless"
                            + " --epochs is given, then the schedule spans those epochs.")
    String budget = "paper";

    @Option(names = "--epochs", description = "Maximum epochs (default: from --budget).")
    Integer epochs;

    @Option(names = "--steps-per-epoch", description = "Optimizer steps per epoch (default: from --budget).")
    Integer stepsPerEpoch;

    @Option(names = "--batch-size", description = "Windows per step (default: 8).")
    Integer batchSize;

    @Option(names = "--micro-batches", description = "Gradient-accumulation micro-batches per step (default: 1).")
    Integer microBatches;

    @Option(names = "--lr", description = "Peak learning rate (default: 8e-4).")
    Float lr;

    @Option(names = "--patience", description = "Epochs without validation gain before stopping (default: from --budget).")
    Integer patience;

    @Option(names = "--seed", description = "Seed of every random choice (default: 42).")
    Long seed;

    @Option(
            names = "--whiten",
            paramLabel = "P[,P...]",
            split = ",",
            description =
                    "Whitening probabilities, one drawn per training window; each in [0, 1)"
                            + " (default: the paper's 0.2,0.5,0.8).")
    double[] whiten;

    @Option(
            names = "--inject",
            paramLabel = "points|historical|hybrid|outages",
            description =
                    "Which inputs a training step hides: points (the paper's whitening, default),"
                            + " historical (another training window's real missing pattern,"
                            + " blocks included), hybrid (a coin per window) or outages (points,"
                            + " and in half of the windows every node hidden over 1..T/2"
                            + " consecutive steps).")
    String inject;

    @Option(
            names = "--lr-floor",
            paramLabel = "F",
            description =
                    "Floor of the learning rate as a fraction of --lr, in (0, 1] (default: the"
                            + " paper's 0.1); a budgeted run that ends far from convergence keeps"
                            + " learning at F x lr.")
    Double lrFloor;

    @Option(
            names = "--ensemble",
            paramLabel = "N",
            description =
                    "Score the test split (and draw the report) with each window's imputation"
                            + " averaged over N forward passes: the full input and N-1 copies"
                            + " with observed entries hidden at --ensemble-drop (default: 1, the"
                            + " plain pass; validation stays plain).")
    int ensemble = 1;

    @Option(
            names = "--ensemble-drop",
            paramLabel = "P",
            description = "Probability of hiding an observed entry in an --ensemble copy (default: 0.2).")
    double ensembleDrop = MaskEnsemble.DEFAULT_DROP_RATE;

    /**
     * @return the test-time averaging {@code --ensemble}/{@code --ensemble-drop} ask for
     * @throws IllegalArgumentException naming the option when a value is out of range
     */
    public MaskEnsemble maskEnsemble() {
        return EvaluateCommand.ensembleOption(ensemble, ensembleDrop);
    }

    @Option(
            names = "--val-stride",
            paramLabel = "K",
            description =
                    "Validate on every K-th validation window (default: 1, all); K = 4 spends a"
                            + " quarter of the time on validation in a budgeted run.")
    Integer valStride;

    /**
     * @return the training options: the budget's, with every given option applied
     * @throws IllegalArgumentException for a malformed budget or a non-positive value
     */
    public TrainingOptions trainingOptions() {
        TrainingOptions o = budget(budget);
        positive("--epochs", epochs);
        positive("--steps-per-epoch", stepsPerEpoch);
        positive("--batch-size", batchSize);
        positive("--micro-batches", microBatches);
        positive("--patience", patience);
        if (epochs != null || stepsPerEpoch != null) {
            o = o.withEpochs(
                    epochs != null ? epochs : o.maxEpochs(),
                    stepsPerEpoch != null ? stepsPerEpoch : o.stepsPerEpoch());
        }
        if (epochs != null) {
            // explicit epochs: the schedule spans them, the budget only stops training
            o = o.withBudgetPacing(false);
        }
        if (batchSize != null || microBatches != null) {
            int b = batchSize != null ? batchSize : o.batchSize();
            int m = microBatches != null ? microBatches : 1;
            if (b % m != 0) {
                throw new IllegalArgumentException(
                        "--batch-size " + b + " must be a multiple of --micro-batches " + m);
            }
            o = o.withBatch(b, m);
        }
        if (lr != null) {
            if (!(lr > 0)) {
                throw new IllegalArgumentException("--lr must be > 0, got " + lr);
            }
            o = o.withLearningRate(lr);
        }
        if (patience != null) {
            o = o.withPatience(patience);
        }
        if (seed != null) {
            o = o.withSeed(seed);
        }
        positive("--val-stride", valStride);
        if (valStride != null) {
            o = o.withValidationStride(valStride);
        }
        if (whiten != null) {
            for (double p : whiten) {
                if (!(p >= 0 && p < 1)) {
                    throw new IllegalArgumentException(
                            "--whiten " + p + " is not a probability in [0, 1)");
                }
            }
            o = o.withWhitening(whiten);
        }
        if (lrFloor != null) {
            if (!(lrFloor > 0 && lrFloor <= 1)) {
                throw new IllegalArgumentException("--lr-floor must be in (0, 1], got " + lrFloor);
            }
            o = o.withLrFloor(lrFloor);
        }
        if (inject != null) {
            try {
                o = o.withInjection(Injection.parse(inject));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--inject: " + e.getMessage(), e);
            }
        }
        return o;
    }

    /**
     * @return SPIN's configuration from {@code --hidden}, {@code --layers}, {@code --eta},
     *     {@code --reach}, {@code --self-reach}
     * @throws IllegalArgumentException for sizes out of range
     */
    public SpinConfig spinConfig() {
        positive("--hidden", hidden);
        positive("--layers", layers);
        int l = layers != null ? layers : SpinConfig.DEFAULT.layers();
        int e = eta != null ? eta : Math.max(0, l - 1);
        if (e < 0 || e > l) {
            throw new IllegalArgumentException("--eta must be in 0.." + l + ", got " + e);
        }
        if (reach != null && reach < 0) {
            throw new IllegalArgumentException(
                    "--reach must be >= 0 (0 = every step), got " + reach);
        }
        if (selfReach != null && selfReach < 0) {
            throw new IllegalArgumentException(
                    "--self-reach must be >= 0 (0 = every step), got " + selfReach);
        }
        if (selfReach != null && selfReach > 0 && e == 0) {
            throw new IllegalArgumentException("--self-reach limits the layers below --eta, and"
                    + " --eta is 0: no layer would use it");
        }
        return SpinConfig.DEFAULT
                .withHiddenSize(hidden != null ? hidden : SpinConfig.DEFAULT.hiddenSize())
                .withLayers(l, e)
                .withTemporalReach(reach != null ? reach : 0)
                .withSelfReach(selfReach != null ? selfReach : 0);
    }

    /**
     * Parses a budget.
     *
     * @param text {@code quick}, {@code paper} or a duration ({@code 90s}, {@code 30m}, {@code
     *     1h30m})
     * @return the options of that budget
     */
    public static TrainingOptions budget(String text) {
        String b = text == null ? "paper" : text.trim().toLowerCase(Locale.ROOT);
        if (b.equals("paper")) {
            return TrainingOptions.paper();
        }
        if (b.equals("quick")) {
            return TrainingOptions.quick();
        }
        return TrainingOptions.paper().withTimeBudget(duration(b));
    }

    /**
     * @param text e.g. {@code 30m}, {@code 1h30m}, {@code 45s}
     * @return the duration
     * @throws IllegalArgumentException if the text is not a positive duration
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    "--budget '" + text + "' is not understood; expected quick, paper or a duration"
                            + " such as 90s, 30m or 1h30m");
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) {
            d = d.plusHours(Long.parseLong(m.group(1)));
        }
        if (m.group(2) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(2)));
        }
        if (m.group(3) != null) {
            d = d.plusSeconds(Long.parseLong(m.group(3)));
        }
        if (d.isZero()) {
            throw new IllegalArgumentException("--budget " + text + " must be longer than zero");
        }
        return d;
    }

    private static void positive(String option, Integer v) {
        if (v != null && v < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        }
    }

    /** @return the output root of runs */
    static Path defaultOut() {
        return Path.of("runs");
    }
}
