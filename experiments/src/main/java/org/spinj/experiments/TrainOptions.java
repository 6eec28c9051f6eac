package org.spinj.experiments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinj.spin.MaskEnsemble;
import org.spinj.spin.Networks;
import org.spinj.spin.SpinConfig;
import org.spinj.spin.train.Injection;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Option;

/**
 * The options that choose a model and how it is trained. Unset numeric options take the value of
 * the {@code --budget} ({@link #DEFAULT_BUDGET} of wall time by default; {@code paper} is the
 * reference protocol).
 */
public final class TrainOptions {

    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Option(names = "--hidden", paramLabel = "D", description = "SPIN's hidden size d (default: 16 under a wall-time"
            + " --budget, the paper's 32 under paper or quick).")
    Integer hidden;

    @Option(names = "--layers", paramLabel = "L", description = "SPIN's layers L (default: 3 under a wall-time"
            + " --budget, the paper's 4 under paper or quick).")
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
                    + " pair cost; not the paper's configuration (default: 2 under a wall-time"
                    + " --budget, 0 = every step under paper or quick).")
    Integer reach;

    @Option(
            names = "--self-reach",
            paramLabel = "R",
            description = "SPIN only: in the layers below --eta a step's temporal self-attention"
                    + " sees its node's steps at most R away; the layers from --eta up still span"
                    + " the window; not the paper's configuration (default: 2 under a wall-time"
                    + " --budget, 0 = every step under paper or quick).")
    Integer selfReach;

    @Option(
            names = "--budget",
            paramLabel = "quick|paper|DURATION",
            description =
                    "A duration such as 10m (default) or 1h30m: training stops after that wall"
                            + " time, or earlier when validation stops improving, and the learning"
                            + " rate is paced by the clock (4%% warm-up, one cosine decay) unless"
                            + " --epochs is given, then the schedule spans those epochs; paper:"
                            + " the reference protocol, 300 epochs x 300 steps (days on a CPU);"
                            + " quick: 20 x 50. Options left unset take the budget's values: under a wall"
                            + " time a lighter SPIN (d 16, 3 layers, --reach 2, --self-reach 2,"
                            + " --lr 3e-3, --inject outages, --val-stride 4, 2 micro-batches,"
                            + " validation every 100 steps) that takes thousands of steps where"
                            + " the paper's sizes take a hundred; under paper and quick the"
                            + " paper's.")
    String budget = DEFAULT_BUDGET;

    /** The wall-time budget of {@code train} and {@code compare} unless {@code --budget} says. */
    public static final String DEFAULT_BUDGET = "10m";

    @Option(names = "--epochs", description = "Maximum epochs (default: from --budget).")
    Integer epochs;

    @Option(names = "--steps-per-epoch", description = "Optimizer steps per epoch (default: from --budget).")
    Integer stepsPerEpoch;

    @Option(names = "--batch-size", description = "Windows per step (default: 8).")
    Integer batchSize;

    @Option(names = "--micro-batches", description = "Gradient-accumulation micro-batches per step"
            + " (default: 2 under a wall-time --budget, 4 under paper or quick; 1 when only"
            + " --batch-size is given).")
    Integer microBatches;

    @Option(names = "--lr", description = "Peak learning rate (default: 3e-3 under a wall-time"
            + " --budget, the paper's 8e-4 under paper or quick).")
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
                    "Which inputs a training step hides: points (the paper's whitening, default"
                            + " under paper or quick),"
                            + " historical (another training window's real missing pattern,"
                            + " blocks included), hybrid (a coin per window) or outages (points,"
                            + " and in half of the windows every node hidden over 1..T/2"
                            + " consecutive steps; default under a wall-time --budget).")
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
            names = "--dark-steps",
            paramLabel = "auto|network|MODEL",
            description = "What imputes the steps at which no input of the whole network is"
                    + " visible, in the test pass and in impute: auto (default) picks the network"
                    + " or interp/locf by their error on network outages simulated in the"
                    + " validation windows; network (the paper's protocol); or a baseline.")
    String darkSteps = "auto";

    /**
     * @return the {@code --dark-steps} choice, checked
     * @throws IllegalArgumentException naming the option for an unknown value
     */
    public String darkSteps() {
        String d = darkSteps == null ? "auto" : darkSteps.trim().toLowerCase(Locale.ROOT);
        if (!d.equals("auto") && !d.equals("network") && !ModelChoice.BASELINES.contains(d)) {
            throw new IllegalArgumentException("--dark-steps " + darkSteps + " is not understood;"
                    + " expected auto, network or one of "
                    + String.join(", ", ModelChoice.BASELINES));
        }
        return d;
    }

    @Option(
            names = "--blend",
            paramLabel = "auto|off",
            description = "auto (default): after training, score on the validation windows every"
                    + " mix w x network + (1 - w) x baseline (w = 0, 0.05, ..., 1; every"
                    + " baseline) and use the best in the test pass, evaluate and impute;"
                    + " off: the network alone.")
    String blend = "auto";

    /**
     * @return the {@code --blend} choice, {@code auto} or {@code off}
     * @throws IllegalArgumentException naming the option for another value
     */
    public String blend() {
        return BlendCheck.option(blend);
    }

    @Option(
            names = "--val-stride",
            paramLabel = "K",
            description =
                    "Validate on every K-th validation window (default: 4 under a wall-time"
                            + " --budget, a quarter of the time; 1, all, under paper or quick).")
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
        if (timed()) {
            // a wall-time budget's own defaults, each replaced by its option when given
            o = o.withLearningRate(BUDGET_LR).withValidationStride(BUDGET_VAL_STRIDE)
                    .withInjection(Injection.OUTAGES);
            if (batchSize == null && microBatches == null) {
                o = o.withBatch(o.batchSize(), BUDGET_MICRO_BATCHES);
            }
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
        return spinConfig(Networks.SPIN);
    }

    /**
     * @param model the network the configuration is for: only SPIN takes the budget's {@code
     *     --reach} and {@code --self-reach} (SPIN-H has no step-to-step attention)
     * @return SPIN's configuration from {@code --hidden}, {@code --layers}, {@code --eta},
     *     {@code --reach}, {@code --self-reach}
     * @throws IllegalArgumentException for sizes out of range
     */
    public SpinConfig spinConfig(String model) {
        positive("--hidden", hidden);
        positive("--layers", layers);
        SpinConfig base = !timed() ? SpinConfig.DEFAULT
                : model.equals(Networks.SPIN) ? BUDGET_SPIN
                : BUDGET_SPIN.withTemporalReach(0).withSelfReach(0);
        int l = layers != null ? layers : base.layers();
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
        int self = selfReach != null ? selfReach : e == 0 ? 0 : base.selfReach();
        return SpinConfig.DEFAULT
                .withHiddenSize(hidden != null ? hidden : base.hiddenSize())
                .withLayers(l, e)
                .withTemporalReach(reach != null ? reach : base.temporalReach())
                .withSelfReach(self);
    }

    /**
     * SPIN's configuration for a wall-time budget, where options leave it open: d = 16, 3
     * layers, the cross-attention within 2 steps and, below eta, the self-attention within 2
     * steps ({@code --reach 2 --self-reach 2}). A step costs a fraction of the paper's sizes, so
     * a budget of minutes buys thousands of steps instead of a hundred; {@code --budget paper}
     * trains the paper's configuration.
     */
    public static final SpinConfig BUDGET_SPIN =
            SpinConfig.DEFAULT.withHiddenSize(16).withLayers(3, 2).withTemporalReach(2)
                    .withSelfReach(2);

    /** The peak learning rate of a wall-time budget, where {@code --lr} leaves it open. */
    public static final float BUDGET_LR = 3e-3f;

    /** The micro-batches of a wall-time budget, where {@code --micro-batches} leaves it open. */
    public static final int BUDGET_MICRO_BATCHES = 2;

    /** The validation stride of a wall-time budget, where {@code --val-stride} leaves it open. */
    public static final int BUDGET_VAL_STRIDE = 4;

    /** @return whether {@code --budget} is a wall time (not {@code paper} or {@code quick}) */
    boolean timed() {
        String b = budget == null ? DEFAULT_BUDGET : budget.trim().toLowerCase(Locale.ROOT);
        return !b.equals("paper") && !b.equals("quick");
    }

    /**
     * Parses a budget.
     *
     * @param text {@code quick}, {@code paper} or a duration ({@code 90s}, {@code 30m}, {@code
     *     1h30m})
     * @return the options of that budget
     */
    public static TrainingOptions budget(String text) {
        String b = text == null ? DEFAULT_BUDGET : text.trim().toLowerCase(Locale.ROOT);
        if (b.equals("paper")) {
            return TrainingOptions.paper();
        }
        if (b.equals("quick")) {
            return TrainingOptions.quick();
        }
        // validated every BUDGET_STEPS_PER_EPOCH steps, so a short budget still selects its
        // best weights and draws a learning curve
        TrainingOptions paper = TrainingOptions.paper();
        return paper.withEpochs(paper.maxEpochs(), BUDGET_STEPS_PER_EPOCH)
                .withTimeBudget(duration(b));
    }

    /** Steps between validations under a wall-time budget, unless --steps-per-epoch says. */
    public static final int BUDGET_STEPS_PER_EPOCH = 100;

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
