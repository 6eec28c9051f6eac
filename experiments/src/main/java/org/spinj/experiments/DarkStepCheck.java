package org.spinj.experiments;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.window.WindowSpec;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;

/**
 * Chooses, on the validation split only, what imputes the steps at which no input of the whole
 * network is visible (a network outage): the trained network, or a baseline run on the whole
 * series ({@link ImputationModel#setDarkStepFallback}). A validation split rarely holds such
 * outages, so they are simulated: over the steps of the validation windows, every node is hidden
 * during one block of {@code T / 2} consecutive steps out of every {@code 2 T}, and the hidden
 * observations become the targets. The network and every candidate are scored on the targets of
 * those dark steps of the same windows; a candidate is used only when it is better there.
 *
 * @param networkMae the network's MAE on the simulated dark steps
 * @param candidates each candidate's MAE on the same targets
 * @param targets how many targets were scored
 */
public record DarkStepCheck(double networkMae, Map<String, Double> candidates, long targets) {

    /** The checkpoint metadata key of the check. */
    public static final String KEY = "dark_steps";

    /** The baselines that may impute dark steps: they need no neighbour visible at the step. */
    public static final List<String> CANDIDATES = List.of("interp", "locf");

    /** Copies the map. */
    public DarkStepCheck {
        candidates = Map.copyOf(new LinkedHashMap<>(candidates));
    }

    /**
     * Simulates outages on the validation windows and scores the network and the candidates.
     *
     * @param model the trained model, without a fallback
     * @param task its task
     * @param windows the validation windows it was selected on
     * @param batchSize windows per forward pass
     * @return the check, or {@code null} when the windows hold no target to score
     */
    public static DarkStepCheck score(
            ImputationModel model, ImputationTask task, int[] windows, int batchSize) {
        SpatioTemporalSeries s = task.series();
        WindowSpec spec = task.split().spec();
        int t = spec.window();
        int block = Math.max(1, t / 2);
        boolean[] covered = new boolean[s.numSteps()];
        for (int k : windows) {
            for (int step = spec.start(k); step < spec.start(k) + t; step++) {
                covered[step] = true;
            }
        }
        int perStep = s.numNodes() * s.numChannels();
        boolean[] observed = s.observedMask();
        boolean[] eval = new boolean[observed.length];
        int[] group = new int[s.numSteps()];
        long targets = 0;
        for (int step = 0; step < s.numSteps(); step++) {
            if (!covered[step] || step % (2 * t) >= block) {
                continue;
            }
            group[step] = 1;
            for (int i = step * perStep; i < (step + 1) * perStep; i++) {
                eval[i] = observed[i];
                targets += observed[i] ? 1 : 0;
            }
        }
        if (targets == 0) {
            return null;
        }
        // every observation of a dark step is hidden from the inputs and becomes a target
        ImputationTask dark = new ImputationTask(task.name(), s.withEvalMask(eval), task.graph(),
                task.split(), task.scaler());
        var fallback = model.darkStepFallback();
        model.setDarkStepFallback(null);
        double net;
        try {
            net = model.evaluateByStep(dark, windows, batchSize, done -> {}, group, 2)[1]
                    .windows().mae();
        } finally {
            model.setDarkStepFallback(fallback);
        }
        Map<String, Double> maes = new LinkedHashMap<>();
        for (String name : CANDIDATES) {
            float[] imputed = new ModelChoice(name).imputer(task.graph()).impute(dark.series());
            maes.put(name, SplitScoring.scoreByStep(dark.series(), imputed, spec, windows, group,
                    2)[1].windows().mae());
        }
        return new DarkStepCheck(net, maes, targets);
    }

    /** @return the candidate to use at dark steps, or {@code null} for the network */
    public String choice() {
        String best = null;
        for (String name : CANDIDATES) {
            Double v = candidates.get(name);
            if (v != null && Double.isFinite(v) && v < networkMae
                    && (best == null || v < candidates.get(best))) {
                best = name;
            }
        }
        return best;
    }

    /** @return one line for the user */
    public String line() {
        String c = choice();
        StringBuilder sb = new StringBuilder("on simulated network outages in the validation"
                + " windows (" + targets + " targets) the network's MAE is "
                + fmt(networkMae));
        candidates.forEach((k, v) -> sb.append(", ").append(k).append("'s ").append(fmt(v)));
        sb.append(c == null ? ": the network imputes steps with no visible input"
                : ": " + c + " imputes steps with no visible input (--dark-steps network keeps"
                        + " the network)");
        return sb.toString();
    }

    /** @return the check as checkpoint metadata */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        String c = choice();
        o.addProperty("use", c == null ? "network" : c);
        o.addProperty("network_mae", networkMae);
        JsonObject b = new JsonObject();
        for (String name : CANDIDATES) {
            if (candidates.containsKey(name)) {
                b.addProperty(name, candidates.get(name));
            }
        }
        o.add("candidates_mae", b);
        o.addProperty("targets", targets);
        return o;
    }

    /**
     * The dark-step fallback a checkpoint's metadata records.
     *
     * @param meta a checkpoint's metadata
     * @return a baseline's name, or {@code null} for the network (also when nothing is recorded)
     */
    public static String recorded(JsonObject meta) {
        return ModelChoice.recordedBaseline(meta, KEY);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
