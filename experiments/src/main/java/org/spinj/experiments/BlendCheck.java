package org.spinj.experiments;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.baseline.Imputer;

/**
 * Chooses, on the validation split only, a blend of the trained network with one baseline:
 * every missing cell becomes {@code w} times the network's estimate plus {@code 1 - w} times the
 * baseline's ({@link ImputationModel#setBlend}). Every baseline and every weight {@code w} on a
 * grid of {@value #GRID} steps over {@code [0, 1]} is scored on the same validation windows and
 * targets in one forward pass; the pair with the lowest MAE wins. Because {@code w = 1} (the
 * network alone) and {@code w = 0} (the baseline alone) are on the grid, the blend is never worse
 * on validation than either; it is better wherever the two err differently, which a network
 * trained for minutes and a regression on the neighbours usually do. The test split is never
 * looked at.
 *
 * @param baseline the baseline blended with the network
 * @param networkWeight the network's share {@code w}
 * @param mae the blend's validation MAE
 * @param networkMae the network's validation MAE in the same pass
 * @param baselineMae each baseline's validation MAE on the same targets
 * @param targets how many targets were scored
 */
public record BlendCheck(
        String baseline, double networkWeight, double mae, double networkMae,
        Map<String, Double> baselineMae, long targets) {

    /** The checkpoint metadata key of the check. */
    public static final String KEY = "blend";

    /** Steps of the weight grid: {@code w = 0, 1/GRID, ..., 1}. */
    public static final int GRID = 20;

    /**
     * Checks a {@code --blend} value.
     *
     * @param value the option's value, or {@code null} for the default
     * @return {@code auto} or {@code off}
     * @throws IllegalArgumentException naming the option for another value
     */
    public static String option(String value) {
        String b = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        if (!b.equals("auto") && !b.equals("off")) {
            throw new IllegalArgumentException(
                    "--blend " + value + " is not understood; expected auto or off");
        }
        return b;
    }

    /** Copies the map. */
    public BlendCheck {
        baselineMae = Map.copyOf(new LinkedHashMap<>(baselineMae));
    }

    /**
     * Scores every blend on the validation windows.
     *
     * @param model the trained model, with its dark-step fallback set and no blend
     * @param task its task
     * @param windows the validation windows
     * @param batchSize windows per forward pass
     * @return the check, or {@code null} when the windows hold no target
     */
    public static BlendCheck score(
            ImputationModel model, ImputationTask task, int[] windows, int batchSize) {
        String[] names = ModelChoice.BASELINES.toArray(String[]::new);
        float[][] imputed = new float[names.length][];
        for (int b = 0; b < names.length; b++) {
            imputed[b] = new ModelChoice(names[b]).imputer(task.graph()).impute(task.series());
        }
        double[][] err = new double[names.length][GRID + 1];
        double[] netErr = new double[1];
        long[] count = new long[1];
        Imputer blend = model.blendBaseline();
        double weight = model.networkWeight();
        model.setBlend(null, 1);
        try {
            model.forEachTarget(task, windows, batchSize, (estimate, truth, cell) -> {
                netErr[0] += Math.abs(estimate - truth);
                count[0]++;
                for (int b = 0; b < names.length; b++) {
                    float base = imputed[b][cell];
                    for (int g = 0; g <= GRID; g++) {
                        float w = (float) g / GRID;
                        err[b][g] += Math.abs(w * estimate + (1 - w) * base - truth);
                    }
                }
            });
        } finally {
            model.setBlend(blend, weight);
        }
        if (count[0] == 0) {
            return null;
        }
        int bestB = -1;
        int bestG = GRID;
        double best = Double.POSITIVE_INFINITY;
        Map<String, Double> alone = new LinkedHashMap<>();
        for (int b = 0; b < names.length; b++) {
            alone.put(names[b], err[b][0] / count[0]);
            for (int g = 0; g <= GRID; g++) {
                double mae = err[b][g] / count[0];
                // strictly better only: ties keep the network's larger share
                if (mae < best - 1e-12 || (mae <= best + 1e-12 && bestB >= 0 && g > bestG)) {
                    best = mae;
                    bestB = b;
                    bestG = g;
                }
            }
        }
        return new BlendCheck(names[bestB], (double) bestG / GRID, best, netErr[0] / count[0],
                alone, count[0]);
    }

    /** @return whether the blend is the network alone ({@code w = 1}) */
    public boolean isNetworkAlone() {
        return networkWeight >= 1;
    }

    /** @return whether the blend is the baseline alone ({@code w = 0}) */
    public boolean isBaselineAlone() {
        return networkWeight <= 0;
    }

    /**
     * Sets the blend on a model.
     *
     * @param model the model
     * @param graph the model's graph (for graph baselines)
     */
    public void apply(ImputationModel model, org.spinj.graph.EdgeIndex graph) {
        model.setBlend(isNetworkAlone() ? null : new ModelChoice(baseline).imputer(graph),
                networkWeight);
    }

    /**
     * @param network the network's name
     * @return one line for the user
     */
    public String line(String network) {
        String net = network.toUpperCase(Locale.ROOT);
        String figures = " (validation MAE " + fmt(mae) + "; " + net + " alone " + fmt(networkMae)
                + ", " + baseline + " alone " + fmt(baselineMae.get(baseline)) + ", " + targets
                + " targets)";
        if (isNetworkAlone()) {
            return net + " alone imputes best on validation" + figures;
        }
        if (isBaselineAlone()) {
            return baseline + " alone imputes best on validation" + figures
                    + "; --blend off keeps " + net;
        }
        return "the test pass, evaluate and impute use " + fmt(networkWeight) + " x " + net
                + " + " + fmt(1 - networkWeight) + " x " + baseline + figures
                + "; --blend off keeps " + net + " alone";
    }

    /** @return the check as checkpoint metadata */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("use", isNetworkAlone() ? "network" : baseline);
        o.addProperty("network_weight", networkWeight);
        o.addProperty("val_mae", mae);
        o.addProperty("network_val_mae", networkMae);
        JsonObject b = new JsonObject();
        baselineMae.forEach(b::addProperty);
        o.add("baselines_val_mae", b);
        o.addProperty("targets", targets);
        return o;
    }

    /**
     * Sets the blend a checkpoint's metadata records on its model; nothing when none is recorded.
     *
     * @param meta a checkpoint's metadata, or {@code null}
     * @param model the checkpoint's model
     * @return a description such as {@code 0.60 x spin + 0.40 x mice}, or {@code null} when no
     *     blend is recorded
     */
    public static String applyRecorded(JsonObject meta, ImputationModel model) {
        String with = ModelChoice.recordedBaseline(meta, KEY);
        if (with == null) {
            return null;
        }
        JsonElement w = meta.getAsJsonObject(KEY).get("network_weight");
        double weight = w == null || !w.isJsonPrimitive() ? Double.NaN : w.getAsDouble();
        if (!(weight >= 0 && weight < 1)) {
            throw new IllegalArgumentException("the checkpoint's blend records network_weight "
                    + w + ", expected a number in [0, 1)");
        }
        model.setBlend(new ModelChoice(with).imputer(model.graph()), weight);
        return fmt(weight) + " x network + " + fmt(1 - weight) + " x " + with;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
