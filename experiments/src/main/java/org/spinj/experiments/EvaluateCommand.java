package org.spinj.experiments;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.missing.MissingDataInjector;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.MaskEnsemble;
import org.spinj.spin.baseline.LinearInterpolationImputer;
import org.spinj.spin.eval.ImputationMetrics;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.spin.io.Checkpoint;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinj evaluate}: re-scores a trained run on its test split, or on new evaluation masks
 * without retraining: the paper's sparsity sweeps (Tables 2-3; spin.md §3): point missing at
 * 50/75/95% or block failures at 5/10/15%, fault lengths 12..35, seeds 1043..5043. The task is
 * rebuilt from the data options training stored ({@link DataProvenance}); {@code --csv}, {@code
 * --nodes}, {@code --adjacency} and {@code --data-dir} give a moved file's new place, {@code
 * --eval-mask} another mask. Progress goes to stderr ({@link StepProgress}).
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = {
            "Re-evaluate a run (or checkpoint) on its test split; with --mask, on new evaluation",
            "masks at several sparsity levels, mean and std over 5 seeds (no retraining)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    /** The sweep's seeds (spin {@code config/inference.yaml}). */
    public static final long[] SEEDS = {1043, 2043, 3043, 4043, 5043};
    /** The sweep's point-missing rates. */
    public static final double[] POINT_RATES = {0.5, 0.75, 0.95};
    /** The sweep's failure probabilities. */
    public static final double[] BLOCK_RATES = {0.05, 0.10, 0.15};
    /** Shortest fault in the sweep. */
    public static final int MIN_FAULT = 12;
    /** Exclusive bound of fault lengths in the sweep. */
    public static final int MAX_FAULT = 36;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR|CHECKPOINT", description = "A run directory or a .ckpt file.")
    Path target;

    @Option(names = "--mask", paramLabel = "point|block", description = "Sweep over new evaluation masks of this kind.")
    String mask;

    @Option(names = "--p", split = ",", paramLabel = "P", description = "Rates to sweep (default: 0.5,0.75,0.95 for point; 0.05,0.1,0.15 for block).")
    double[] rates;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", description = "Mask seeds (default: 1043,2043,3043,4043,5043).")
    long[] seeds;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset files are (default: where training read them).")
    Path dataDir;

    @Option(names = "--csv", paramLabel = "FILE", description = "The new place of the run's --csv data (default: the path stored at training).")
    Path csv;

    @Option(names = "--nodes", paramLabel = "FILE", description = "The new place of the run's --nodes file.")
    Path nodes;

    @Option(names = "--adjacency", paramLabel = "FILE", description = "The new place of the run's --adjacency file.")
    Path adjacency;

    @Option(names = "--distances", paramLabel = "FILE", description = "The new place of the run's --distances file.")
    Path distances;

    @Option(names = "--eval-mask", paramLabel = "point|block|FILE", description = "The evaluation mask to score (default: the run's, as stored at training).")
    String evalMask;

    @Option(names = "--ensemble", paramLabel = "N", description = "Average each window's imputation over N forward passes: the full input and N-1 copies with observed entries hidden at --ensemble-drop (default: 1, the plain pass).")
    int ensemble = 1;

    @Option(names = "--ensemble-drop", paramLabel = "P", description = "Probability of hiding an observed entry in an --ensemble copy (default: 0.2).")
    double ensembleDrop = MaskEnsemble.DEFAULT_DROP_RATE;

    @Option(names = "--by", paramLabel = "month|outage[,...]", description = "Score the split group by group, beside linear interpolation on the same windows: by calendar month, or by outage (steps at which no sensor's input is visible against the rest); several groupings, comma-separated, from one pass; writes breakdown-<by>-<split>.csv into a run directory.")
    String by;

    @Option(names = "--split", paramLabel = "test|val", description = "Which windows to score (default: test; val, to choose options without looking at the test split).")
    String split = "test";

    @Option(names = "--dark-steps", paramLabel = "MODEL",
            description = "What imputes the steps at which no input of the whole network is"
                    + " visible: network (the paper's protocol) or a baseline run on the whole"
                    + " series (interp, locf, knn, mice, mean); default: what training chose on"
                    + " validation, the network for older checkpoints.")
    String darkSteps;

    @Option(names = "--blend", paramLabel = "auto|off",
            description = "auto (default): the mix of the network with a baseline that training"
                    + " chose on validation, when it recorded one; off: the network alone.")
    String blend = "auto";

    /**
     * The {@code --dark-steps} fallback: {@code null} for the network itself; without the option,
     * the one the checkpoint recorded at training ({@link DarkStepCheck}).
     *
     * @param name the option's value, or {@code null}
     * @param meta the checkpoint's metadata, or {@code null}
     * @param graph the model's graph
     * @return the baseline, or {@code null}
     * @throws IllegalArgumentException naming the option for an unknown model
     */
    static org.spinj.spin.baseline.Imputer darkStepOption(String name, JsonObject meta,
            org.spinj.graph.EdgeIndex graph) {
        String n = name == null || name.isBlank() ? DarkStepCheck.recorded(meta)
                : name.trim().toLowerCase(Locale.ROOT);
        if (n == null || n.equals("network")) {
            return null;
        }
        if (!ModelChoice.BASELINES.contains(n)) {
            throw new IllegalArgumentException("--dark-steps " + name + " is not understood;"
                    + " expected network or one of " + String.join(", ", ModelChoice.BASELINES));
        }
        return new ModelChoice(n).imputer(graph);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GlobalOptions g = GlobalOptions.of(spec);
        MaskEnsemble averaging = ensembleOption(ensemble, ensembleDrop);
        boolean validation = switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> false;
            case "val", "validation" -> true;
            default -> throw new IllegalArgumentException(
                    "--split '" + split + "' is not understood; expected test or val");
        };
        Loaded l = Loaded.of(target,
                new DataProvenance.Overrides(csv, nodes, adjacency, distances, evalMask, dataDir),
                g.device());
        PrintWriter err = spec.commandLine().getErr();
        try (l) {
            if (l.model != null) {
                l.model.setEnsemble(averaging);
                l.model.setDarkStepFallback(darkStepOption(darkSteps, l.meta, l.model.graph()));
                if (BlendCheck.option(blend).equals("auto")) {
                    String mix = BlendCheck.applyRecorded(l.meta, l.model);
                    if (mix != null && !g.quiet()) {
                        err.println("evaluate: imputing with " + mix + ", as chosen on"
                                + " validation at training (--blend off: the network alone)");
                        err.flush();
                    }
                }
            } else if (averaging.isActive()) {
                throw new IllegalArgumentException(
                        "--ensemble needs a trained network; " + target + " is a baseline run");
            }
            l.validation = validation;
            if (by != null) {
                if (mask != null) {
                    throw new IllegalArgumentException(
                            "--by scores the run's own evaluation mask; it cannot be combined with"
                                    + " the --mask sweep");
                }
                List<StepGroups> groupings = new ArrayList<>();
                for (String b : by.split(",")) {
                    groupings.add(StepGroups.of(b, l.task.series()));
                }
                breakdown(l, groupings, validation, g, out, err);
                return 0;
            }
            if (mask == null) {
                StepProgress progress = new StepProgress(err, g.quiet(),
                        ProgressMonitor.isInteractive(), "evaluate", l.steps());
                ImputationModel.Evaluation e = l.evaluate(l.task, progress,
                        validation ? "validation split" : "test split");
                progress.finish();
                out.println(Experiment.scoreLine(validation ? "val" : "test", e)
                        + (averaging.isActive() ? "  ensemble " + averaging.label() : ""));
                out.flush();
                return 0;
            }
            boolean point = switch (mask.toLowerCase(Locale.ROOT)) {
                case "point" -> true;
                case "block" -> false;
                default -> throw new IllegalArgumentException(
                        "--mask '" + mask + "' is not understood; expected point or block");
            };
            double[] ps = rates != null ? rates : point ? POINT_RATES : BLOCK_RATES;
            long[] ss = seeds != null ? seeds : SEEDS;
            for (double p : ps) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("--p values must be in [0, 1], got " + p);
                }
            }
            StepProgress progress = new StepProgress(err, g.quiet(),
                    ProgressMonitor.isInteractive(), "evaluate " + mask.toLowerCase(Locale.ROOT)
                            + " sweep", (long) ps.length * ss.length * l.steps());
            StringBuilder table = new StringBuilder("mask,p,mae_mean,mae_std,mse_mean,mre_mean,seeds\n");
            out.println(String.format(Locale.ROOT, "%-6s %6s %10s %8s %12s %8s", "mask", "p",
                    "MAE", "std", "MSE", "MRE"));
            for (double p : ps) {
                double[] mae = new double[ss.length];
                double mse = 0;
                double mre = 0;
                for (int k = 0; k < ss.length; k++) {
                    MissingDataInjector inj = point
                            ? new MissingDataInjector(0, p, MIN_FAULT, MAX_FAULT, ss[k])
                            : new MissingDataInjector(p, 0, MIN_FAULT, MAX_FAULT, ss[k]);
                    SpatioTemporalSeries s = inj.inject(l.task.series());
                    ImputationTask t = new ImputationTask(l.task.name(), s, l.task.graph(),
                            l.task.split(), l.task.scaler());
                    ImputationModel.Evaluation e = l.evaluate(t, progress, String.format(
                            Locale.ROOT, "p=%.3f seed %d", p, ss[k]));
                    mae[k] = e.windows().mae();
                    mse += e.windows().mse() / ss.length;
                    mre += e.windows().mre() / ss.length;
                }
                double mean = Arrays.stream(mae).average().orElse(Double.NaN);
                double std = Math.sqrt(Arrays.stream(mae).map(v -> (v - mean) * (v - mean))
                        .average().orElse(0));
                out.println(String.format(Locale.ROOT, "%-6s %6.3f %10.4f %8.4f %12.4f %8.4f",
                        mask, p, mean, std, mse, mre));
                out.flush();
                table.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f,%.6f,%d%n", mask, p,
                        mean, std, mse, mre, ss.length));
            }
            progress.finish();
            if (l.run != null) {
                Path f = l.run.resolve("sweep-" + mask.toLowerCase(Locale.ROOT) + ".csv");
                AtomicFiles.writeString(f, table.toString());
                out.println("wrote " + f);
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Scores the split group by group for every grouping asked for, the model's errors beside
     * linear interpolation's on the same windows and targets, from one pass over the windows (the
     * groupings are crossed, each table pools the cells of its own groups), prints a table per
     * grouping and writes each into a run directory as {@code breakdown-<by>-<split>.csv}.
     */
    private void breakdown(Loaded l, List<StepGroups> groupings, boolean validation,
            GlobalOptions g, PrintWriter out, PrintWriter err) {
        String splitName = validation ? "val" : "test";
        int steps = l.task.series().numSteps();
        int[] cell = new int[steps];
        int cells = 1;
        int[] stride = new int[groupings.size()];
        for (int k = 0; k < groupings.size(); k++) {
            stride[k] = cells;
            int[] group = groupings.get(k).groupOfStep();
            for (int t = 0; t < steps; t++) {
                cell[t] += group[t] * cells;
            }
            cells *= groupings.get(k).size();
        }
        StepGroups crossed = new StepGroups("cells", Collections.nCopies(cells, ""), cell);
        StepProgress progress = new StepProgress(err, g.quiet(), ProgressMonitor.isInteractive(),
                "evaluate by " + by, l.steps() + 1);
        ImputationModel.Evaluation[] model = l.evaluateByStep(l.task, progress,
                validation ? "validation split" : "test split", crossed);
        int[] windows = validation ? l.task.split().validation() : l.task.split().test();
        float[] interp = new LinearInterpolationImputer().impute(l.task.series());
        ImputationModel.Evaluation[] base = SplitScoring.scoreByStep(l.task.series(), interp,
                l.task.split().spec(), windows, cell, cells);
        progress.step("interpolation");
        progress.finish();
        String name = l.model != null ? "model" : l.baseline.name();
        for (int k = 0; k < groupings.size(); k++) {
            StepGroups groups = groupings.get(k);
            out.println(String.format(Locale.ROOT, "%s split by %s: %s against linear"
                    + " interpolation (MAE per window, per point)", splitName, groups.name(), name));
            out.println(String.format(Locale.ROOT, "%-20s %9s %12s %12s %12s %12s",
                    groups.name(), "targets", name + "/win", name + "/pt", "interp/win",
                    "interp/pt"));
            StringBuilder csv = new StringBuilder(groups.name()
                    + ",targets,mae_window,mae_point,mse_window,interp_mae_window,"
                    + "interp_mae_point,interp_mse_window\n");
            for (int j = 0; j < groups.size(); j++) {
                int kk = k;
                int jj = j;
                IntPredicate in = c -> (c / stride[kk]) % groups.size() == jj;
                Row m = Row.pool(model, in);
                Row b = Row.pool(base, in);
                if (m.points() == 0) {
                    continue;
                }
                out.println(String.format(Locale.ROOT, "%-20s %9d %12.4f %12.4f %12.4f %12.4f",
                        groups.labels().get(j), m.points(), m.maeWindow(), m.maePoint(),
                        b.maeWindow(), b.maePoint()));
                csv.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n",
                        groups.labels().get(j), m.points(), m.maeWindow(), m.maePoint(),
                        m.mseWindow(), b.maeWindow(), b.maePoint(), b.mseWindow()));
            }
            Row m = Row.pool(model, c -> true);
            Row b = Row.pool(base, c -> true);
            out.println(String.format(Locale.ROOT, "%-20s %9d %12.4f %12.4f %12.4f %12.4f", "all",
                    m.points(), m.maeWindow(), m.maePoint(), b.maeWindow(), b.maePoint()));
            if (l.run != null) {
                Path f = l.run.resolve("breakdown-" + groups.name() + "-" + splitName + ".csv");
                AtomicFiles.writeString(f, csv.toString());
                out.println("wrote " + f);
            }
        }
        out.flush();
    }

    /**
     * The errors of some groups together: count-weighted means of their MAEs and MSEs, which are
     * the MAE and MSE over their pooled targets.
     *
     * @param points the targets, each once
     * @param maeWindow MAE per window
     * @param maePoint MAE per point
     * @param mseWindow MSE per window
     */
    record Row(long points, double maeWindow, double maePoint, double mseWindow) {

        /**
         * @param groups the groups' evaluations
         * @param include which groups to pool
         * @return the pooled errors, 0 without targets
         */
        static Row pool(ImputationModel.Evaluation[] groups, IntPredicate include) {
            double absW = 0;
            double sqW = 0;
            long nW = 0;
            double absP = 0;
            long nP = 0;
            for (int c = 0; c < groups.length; c++) {
                if (!include.test(c)) {
                    continue;
                }
                ImputationMetrics w = groups[c].windows();
                ImputationMetrics p = groups[c].series();
                absW += w.mae() * w.count();
                sqW += w.mse() * w.count();
                nW += w.count();
                absP += p.mae() * p.count();
                nP += p.count();
            }
            return new Row(nP, nW == 0 ? 0 : absW / nW, nP == 0 ? 0 : absP / nP,
                    nW == 0 ? 0 : sqW / nW);
        }
    }

    /**
     * The test-time averaging the options ask for.
     *
     * @param samples {@code --ensemble}
     * @param drop {@code --ensemble-drop}
     * @return the averaging
     * @throws IllegalArgumentException naming the option when a value is out of range
     */
    static MaskEnsemble ensembleOption(int samples, double drop) {
        if (samples < 1) {
            throw new IllegalArgumentException(
                    "--ensemble must be >= 1 (1 = the plain forward pass), got " + samples);
        }
        if (!(drop >= 0 && drop < 1)) {
            throw new IllegalArgumentException("--ensemble-drop must be in [0, 1), got " + drop);
        }
        return samples == 1 ? MaskEnsemble.NONE
                : new MaskEnsemble(samples, drop, MaskEnsemble.DEFAULT_SEED);
    }

    /** A model (network or baseline) and the task it was trained on. */
    static final class Loaded implements AutoCloseable {
        final RunDirectory run;
        final ImputationTask task;
        final ImputationModel model;
        final ModelChoice baseline;
        final JsonObject meta;
        boolean validation;

        private Loaded(RunDirectory run, ImputationTask task, ImputationModel model,
                ModelChoice baseline, JsonObject meta) {
            this.run = run;
            this.task = task;
            this.model = model;
            this.baseline = baseline;
            this.meta = meta;
        }

        /**
         * Loads a run or checkpoint with the task it was trained on, rebuilt from the data
         * options stored in the checkpoint ({@link DataProvenance}), else in the run's {@code
         * config.json} (also for a trainer checkpoint inside a run's {@code checkpoints/}).
         */
        static Loaded of(Path target, DataProvenance.Overrides o, String device) {
            if (!Files.exists(target)) {
                throw new IllegalArgumentException(target + ": no such run directory or checkpoint");
            }
            RunDirectory run = null;
            Path ckpt = target;
            if (Files.isDirectory(target)) {
                run = RunDirectory.open(target);
                JsonObject c = run.config();
                ModelChoice m = new ModelChoice(c.has("model") ? c.get("model").getAsString() : "spin");
                if (!m.isNetwork()) {
                    DataProvenance stored = Objects.requireNonNullElseGet(DataProvenance.of(c),
                            () -> new DataProvenance(DataSpec.fromConfig(c)));
                    DataSpec data = stored.restore(run.resolve(RunDirectory.CONFIG), o);
                    return new Loaded(run, TaskPreparation.prepare(data), null, m, null);
                }
                ckpt = run.resolve(RunDirectory.MODEL);
                if (!Files.isRegularFile(ckpt)) {
                    throw new IllegalArgumentException(
                            run.dir() + " has no final model (" + RunDirectory.MODEL + "): was"
                                    + " training interrupted? Resume it with spinj train --resume "
                                    + run.dir());
                }
            }
            JsonObject meta;
            try (NDManager tmp = NDManager.newBaseManager()) {
                meta = Checkpoint.read(ckpt, tmp).meta();
            }
            ImputationModel model = ImputationModel.load(ckpt, EngineSetup.resolveDevice(device));
            try {
                DataSpec data = dataOf(ckpt, meta, model, o);
                return new Loaded(run, TaskPreparation.prepare(data), model, null, meta);
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        }

        private static DataSpec dataOf(
                Path ckpt, JsonObject meta, ImputationModel model, DataProvenance.Overrides o) {
            DataProvenance stored = DataProvenance.of(meta);
            if (stored != null) {
                return stored.restore(ckpt, o);
            }
            // a trainer checkpoint (last.ckpt, best.ckpt) sits in <run>/checkpoints/
            // (only there: a checkpoint elsewhere must not pick up whatever config.json lies two
            // folders up)
            Path parent = ckpt.toAbsolutePath().getParent();
            boolean inRun = parent != null && parent.getParent() != null
                    && parent.getFileName().toString().equals("checkpoints");
            Path config = inRun ? parent.getParent().resolve(RunDirectory.CONFIG) : null;
            if (config != null && Files.isRegularFile(config)) {
                DataProvenance run = DataProvenance.of(
                        new RunDirectory(config.getParent()).config());
                if (run != null) {
                    return run.restore(config, o);
                }
            }
            return DataProvenance.legacy(ckpt, model.dataset(), model.window(), o);
        }

        /** @return progress steps of one evaluation: its batches, or 1 for a baseline */
        long steps() {
            return model == null ? 1 : MonitoredInference.batches(windows(task).length,
                    TrainingOptions.paper().evalBatchSize());
        }

        ImputationModel.Evaluation evaluate(ImputationTask t, StepProgress progress, String detail) {
            if (model != null) {
                return MonitoredInference.evaluate(model, t, windows(t),
                        TrainingOptions.paper().evalBatchSize(), progress, detail);
            }
            float[] imputed = baseline.imputer(t.graph()).impute(t.series());
            progress.step(detail);
            return SplitScoring.score(t.series(), imputed, t.split().spec(), windows(t));
        }

        ImputationModel.Evaluation[] evaluateByStep(ImputationTask t, StepProgress progress,
                String detail, StepGroups groups) {
            if (model != null) {
                return model.evaluateByStep(t, windows(t), TrainingOptions.paper().evalBatchSize(),
                        done -> progress.step(detail), groups.groupOfStep(), groups.size());
            }
            float[] imputed = baseline.imputer(t.graph()).impute(t.series());
            progress.step(detail);
            return SplitScoring.scoreByStep(t.series(), imputed, t.split().spec(), windows(t),
                    groups.groupOfStep(), groups.size());
        }

        private int[] windows(ImputationTask t) {
            return validation ? t.split().validation() : t.split().test();
        }

        @Override
        public void close() {
            if (model != null) {
                model.close();
            }
        }
    }
}
