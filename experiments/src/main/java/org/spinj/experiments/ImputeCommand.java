package org.spinj.experiments;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ai.djl.ndarray.NDManager;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.io.CsvRecords;
import org.spinj.datasets.io.TimestampParser;
import org.spinj.datasets.io.WideCsvReader;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.Networks;
import org.spinj.graph.io.AtomicFiles;
import org.spinj.spin.io.Checkpoint;
import org.spinj.spin.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinj impute}: fills the missing cells of a user's wide CSV with a trained model. The
 * output has the input's header and rows; every observed cell is copied as the original text
 * (byte-identical), every missing cell gets the imputation. The CSV must have the node ids and
 * the frequency the model was trained on (column order may differ). Nodes without any observation
 * are named on stderr and flagged 2 in {@code --flags}; nothing is written when an imputed value
 * is not finite, or when an output path is the input file.
 */
@Command(
        name = "impute",
        mixinStandardHelpOptions = true,
        versionProvider = SpinjVersion.class,
        description = "Fill the missing cells of a wide CSV with a trained model.")
public final class ImputeCommand implements Callable<Integer> {

    /** Flag of an observed cell, copied from the input. */
    public static final char OBSERVED = '0';
    /** Flag of an imputed cell on a node with at least one observation in the input. */
    public static final char IMPUTED = '1';
    /** Flag of an imputed cell on a node without any observation in the whole input. */
    public static final char NO_INFORMATION = '2';

    @Spec CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "CKPT|RUN_DIR", description = "A model checkpoint or a run directory.")
    Path checkpoint;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The wide CSV to complete.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where the completed CSV goes.")
    Path output;

    @Option(names = "--flags", paramLabel = "FILE",
            description = "Optional CSV with the input's header and rows marking every cell: 0"
                    + " observed (copied), 1 imputed, 2 imputed on a node that has no observation"
                    + " anywhere in the input (its values rest on the other nodes alone, or on"
                    + " nothing when the whole input is empty).")
    Path flags;

    @Option(names = "--use", paramLabel = "auto|MODEL",
            description = "Which model fills the cells: auto (default) takes what imputed best"
                    + " on validation at training, as recorded in the checkpoint: the network, a"
                    + " baseline, or the mix w x network + (1 - w) x baseline (train --blend);"
                    + " the network's name (spin, spin-h) forces the network alone; a baseline"
                    + " (mean, locf, interp, knn, mice) runs on the model's graph.")
    String use = "auto";

    @Option(names = "--stride", paramLabel = "S",
            description = "Steps between the network's windows, 1..T: every step is the mean of"
                    + " the windows that cover it (default: half the window; 1 runs every"
                    + " overlapping window, T none).")
    Integer stride;

    @Option(names = "--dark-steps", paramLabel = "MODEL",
            description = "What imputes the steps at which no input of the whole network is"
                    + " visible: network or a baseline run on the whole series (interp, locf,"
                    + " knn, mice, mean); default: what training chose on validation.")
    String darkSteps;

    @Override
    public Integer call() {
        Path ckpt = Files.isDirectory(checkpoint) ? checkpoint.resolve(RunDirectory.MODEL) : checkpoint;
        if (!Files.isRegularFile(ckpt)) {
            throw new IllegalArgumentException("--checkpoint " + checkpoint + ": no such checkpoint");
        }
        TaskPreparation.requireFile(input, "--input");
        refuseOverwrite(input, "--output", output);
        if (flags != null) {
            refuseOverwrite(input, "--flags", flags);
            if (output.toAbsolutePath().normalize().equals(flags.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--flags " + flags + " is the --output file;"
                        + " expected two different files");
            }
        }
        JsonObject meta;
        try (NDManager tmp = NDManager.newBaseManager()) {
            meta = Checkpoint.read(ckpt, tmp).meta();
        }
        ZoneId zone = meta.has("time_zone") ? ZoneId.of(meta.get("time_zone").getAsString()) : ZoneId.of("UTC");
        SpatioTemporalSeries s = WideCsvReader.builder().optZone(zone).build().read(input).series();
        s = s.selectNodes(nodeOrder(meta, s));
        if (meta.has("step_seconds")) {
            long step = meta.get("step_seconds").getAsLong();
            if (s.timeIndex().step().getSeconds() != step) {
                throw new IllegalArgumentException(input + " has one row every "
                        + s.timeIndex().frequency() + ", the model was trained on a step of "
                        + Duration.ofSeconds(step));
            }
        }
        String chosen = chooseModel(meta);
        boolean[] blind = warnOfUnobservedNodes(s);
        float[] filled;
        GlobalOptions g = GlobalOptions.of(spec);
        try (ImputationModel model = ImputationModel.load(ckpt, EngineSetup.resolveDevice(g.device()))) {
            if (ModelChoice.BASELINES.contains(chosen)) {
                filled = new ModelChoice(chosen).imputer(model.graph()).impute(s);
            } else {
                int windowStride = stride != null ? stride : Math.max(1, model.window() / 2);
                if (windowStride < 1 || windowStride > model.window()) {
                    throw new IllegalArgumentException("--stride " + windowStride
                            + " must be in 1.." + model.window() + " (the model's window)");
                }
                model.setDarkStepFallback(
                        EvaluateCommand.darkStepOption(darkSteps, meta, model.graph()));
                if (isAuto()) {
                    String mix = BlendCheck.applyRecorded(meta, model);
                    if (mix != null) {
                        chosen = mix;
                    }
                }
                int batch = TrainingOptions.paper().evalBatchSize();
                StepProgress progress = new StepProgress(spec.commandLine().getErr(), g.quiet(),
                        ProgressMonitor.isInteractive(), "impute",
                        MonitoredInference.imputeBatches(model, s, windowStride, batch));
                filled = MonitoredInference.impute(model, s, windowStride, batch, progress);
                progress.finish();
            }
        }
        int written = write(s, filled, blind);
        PrintWriter out = spec.commandLine().getOut();
        out.println("imputed " + written + " cells of " + input + " into " + output + " with "
                + chosen + (flags != null ? " (flags: " + flags + ")" : ""));
        out.flush();
        return 0;
    }

    private boolean isAuto() {
        return use == null || use.trim().equalsIgnoreCase("auto");
    }

    /**
     * The model {@code --use} asks for: a baseline, or the checkpoint's network ({@code auto}:
     * the better on validation, as the checkpoint recorded at training).
     */
    private String chooseModel(JsonObject meta) {
        JsonObject hp = meta.has("network") ? meta.getAsJsonObject("network") : new JsonObject();
        String network = hp.has("kind") ? hp.get("kind").getAsString() : Networks.SPIN;
        String u = use == null ? "auto" : use.trim().toLowerCase(java.util.Locale.ROOT);
        if (u.equals("auto")) {
            if (meta.has(BlendCheck.KEY)) {
                // the blend chosen on validation decides; a share of 0 is the baseline alone
                JsonObject b = meta.getAsJsonObject(BlendCheck.KEY);
                String with = ModelChoice.recordedBaseline(meta, BlendCheck.KEY);
                if (with != null && b.has("network_weight")
                        && b.get("network_weight").getAsDouble() <= 0) {
                    spec.commandLine().getErr().println("impute: using " + with + ", which"
                            + " imputed better than any mix with " + network + " on validation"
                            + " at training (--use " + network + " forces the network)");
                    spec.commandLine().getErr().flush();
                    return with;
                }
                return network;
            }
            String recorded = BaselineCheck.recordedBaseline(meta);
            if (recorded != null) {
                spec.commandLine().getErr().println("impute: using " + recorded + ", which"
                        + " imputed better than " + network + " on validation at training"
                        + " (--use " + network + " forces the network)");
                spec.commandLine().getErr().flush();
                return recorded;
            }
            return network;
        }
        if (ModelChoice.BASELINES.contains(u) || u.equals(network)) {
            return u;
        }
        throw new IllegalArgumentException("--use " + use + " is not understood; expected auto, "
                + network + " or one of " + String.join(", ", ModelChoice.BASELINES));
    }

    /** Positions of the model's nodes among the CSV's columns, in the model's order. */
    private int[] nodeOrder(JsonObject meta, SpatioTemporalSeries s) {
        int expected = meta.getAsJsonObject("graph").get("num_nodes").getAsInt();
        List<String> ids = s.nodeIds();
        if (!meta.has("node_ids")) {
            if (ids.size() != expected) {
                throw new IllegalArgumentException(input + " has " + ids.size()
                        + " node columns, the model was trained on " + expected);
            }
            return java.util.stream.IntStream.range(0, expected).toArray();
        }
        JsonArray known = meta.getAsJsonArray("node_ids");
        Map<String, Integer> where = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            where.put(ids.get(i), i);
        }
        List<String> modelIds = new ArrayList<>();
        known.forEach(e -> modelIds.add(e.getAsString()));
        List<String> unknown = ids.stream().filter(id -> !modelIds.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(input + " has node ids the model does not know: "
                    + unknown + " (the model was trained on " + modelIds.size() + " nodes)");
        }
        if (ids.size() != modelIds.size()) {
            throw new IllegalArgumentException(input + " has " + ids.size()
                    + " node columns, the model was trained on " + modelIds.size());
        }
        return modelIds.stream().mapToInt(where::get).toArray();
    }

    /**
     * Refuses an output path that is the input itself (after normalising the paths, or the same
     * file through a link), which writing would destroy.
     */
    private static void refuseOverwrite(Path in, String option, Path out) {
        boolean same = in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
        try {
            same |= Files.exists(out) && Files.isSameFile(in, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot compare " + in + " and " + out, e);
        }
        if (same) {
            throw new IllegalArgumentException(option + " " + out + " is the --input file;"
                    + " expected another file (the input is read again while writing)");
        }
    }

    /**
     * Finds the nodes without any observation, and warns on stderr when there are some.
     *
     * @return per node, whether the input has no observation of it
     */
    private boolean[] warnOfUnobservedNodes(SpatioTemporalSeries s) {
        int n = s.numNodes();
        boolean[] blind = TaskPreparation.unobservedNodes(s);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (blind[i]) {
                names.add(s.nodeIds().get(i));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        if (names.size() == n) {
            err.println("impute: warning: " + input + " has no observation at all; every cell is"
                    + " filled without information (flag " + NO_INFORMATION + ")");
        } else if (!names.isEmpty()) {
            err.println("impute: warning: " + names.size() + " of " + n + " nodes have no"
                    + " observation in " + input + ": " + TaskPreparation.firstFew(names)
                    + "; their cells rest on the other nodes alone (flag " + NO_INFORMATION + ")");
        }
        err.flush();
        return blind;
    }

    /** Writes the output (and flags), reading the input again for its original cell text. */
    private int write(SpatioTemporalSeries s, float[] filled, boolean[] blind) {
        CsvRecords csv = CsvRecords.read(input);
        String[] header = csv.record(0);
        Map<String, Integer> modelPos = new HashMap<>();
        for (int i = 0; i < s.numNodes(); i++) {
            modelPos.put(s.nodeIds().get(i), i);
        }
        TimestampParser parser = new TimestampParser(s.timeIndex().zone());
        long step = s.timeIndex().step().getSeconds();
        LocalDateTime start = s.timeIndex().start();
        ZoneId zone = s.timeIndex().zone();
        StringBuilder outText = new StringBuilder(String.join(",", header)).append('\n');
        StringBuilder flagText = new StringBuilder(String.join(",", header)).append('\n');
        int n = s.numNodes();
        int count = 0;
        for (int k = 1; k < csv.size(); k++) {
            String[] row = csv.record(k);
            LocalDateTime at = parser.parse(row[0]).orElseThrow();
            long t = (at.atZone(zone).toEpochSecond() - start.atZone(zone).toEpochSecond()) / step;
            outText.append(row[0]);
            flagText.append(row[0]);
            for (int c = 1; c < header.length; c++) {
                int node = modelPos.get(header[c]);
                boolean observed = s.isObserved((int) t, node, 0);
                float value = filled[(int) t * n + node];
                if (!observed && !Float.isFinite(value)) {
                    throw ImputationModel.nonFinite(value, s, (int) t, node, "");
                }
                outText.append(',').append(observed ? row[c] : Float.toString(value));
                flagText.append(',').append(observed ? OBSERVED
                        : blind[node] ? NO_INFORMATION : IMPUTED);
                if (!observed) {
                    count++;
                }
            }
            outText.append('\n');
            flagText.append('\n');
        }
        AtomicFiles.writeString(output, outText.toString());
        if (flags != null) {
            AtomicFiles.writeString(flags, flagText.toString());
        }
        return count;
    }
}
