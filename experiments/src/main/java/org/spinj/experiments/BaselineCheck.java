package org.spinj.experiments;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spinj.spin.ImputationTask;
import org.spinj.spin.Networks;

/**
 * A trained network's best validation MAE beside every baseline's on the same validation windows
 * (and eval targets), so that a run says plainly when a baseline imputes better, and {@code
 * impute} can use the better of the two. The choice is made on validation only; the test split
 * is never looked at.
 *
 * @param network the network's name ({@code spin} or {@code spin-h})
 * @param networkValMae the network's best validation MAE
 * @param baselines each baseline's validation MAE on the same windows, in {@link
 *     ModelChoice#BASELINES} order
 * @param windows how many validation windows were scored
 */
public record BaselineCheck(
        String network, double networkValMae, Map<String, Double> baselines, int windows) {

    /** The checkpoint metadata key of the check. */
    public static final String KEY = "imputer";

    /** Copies the map. */
    public BaselineCheck {
        baselines = Map.copyOf(new LinkedHashMap<>(baselines));
    }

    /**
     * Scores every baseline on the validation windows a network was selected on.
     *
     * @param task the task the network was trained on
     * @param windows the validation windows the network's MAE was measured on
     * @param network the network's name
     * @param networkValMae the network's best validation MAE
     * @return the check
     */
    public static BaselineCheck score(
            ImputationTask task, int[] windows, String network, double networkValMae) {
        Map<String, Double> maes = new LinkedHashMap<>();
        for (String name : ModelChoice.BASELINES) {
            float[] imputed = new ModelChoice(name).imputer(task.graph()).impute(task.series());
            maes.put(name, SplitScoring.score(task.series(), imputed, task.split().spec(), windows)
                    .windows().mae());
        }
        return new BaselineCheck(network, networkValMae, maes, windows.length);
    }

    /** @return the baseline with the lowest validation MAE */
    public String bestBaseline() {
        String best = null;
        for (String name : ModelChoice.BASELINES) {
            Double v = baselines.get(name);
            if (v != null && Double.isFinite(v) && (best == null || v < baselines.get(best))) {
                best = name;
            }
        }
        return best;
    }

    /** @return the model with the lower validation MAE: the network, or the best baseline */
    public String choice() {
        String best = bestBaseline();
        return best != null && baselines.get(best) < networkValMae ? best : network;
    }

    /** @return one line for the user: which imputes better on validation, by how much */
    public String line() {
        return line(true);
    }

    /**
     * @param sayUse whether to say that impute uses the better of the two (not when a {@link
     *     BlendCheck} decides next)
     * @return one line for the user: which imputes better on validation, by how much
     */
    public String line(boolean sayUse) {
        String best = bestBaseline();
        String net = network.toUpperCase(Locale.ROOT);
        if (best == null) {
            return net + "'s best validation MAE is " + fmt(networkValMae) + "; no baseline could"
                    + " be scored";
        }
        double b = baselines.get(best);
        if (choice().equals(network)) {
            return net + "'s best validation MAE " + fmt(networkValMae) + " beats the best"
                    + " baseline, " + best + " (" + fmt(b) + "), on the same " + windows
                    + " validation windows";
        }
        if (!sayUse) {
            return net + "'s best validation MAE " + fmt(networkValMae) + " is worse than " + best
                    + "'s " + fmt(b) + " on the same " + windows + " validation windows; train"
                    + " longer (--budget) to do better";
        }
        return net + "'s best validation MAE " + fmt(networkValMae) + " is worse than " + best
                + "'s " + fmt(b) + " on the same " + windows + " validation windows: spinj"
                + " impute will use " + best + " for this model (--use " + network
                + " forces " + net + "); train longer (--budget) to do better";
    }

    /** @return the check as checkpoint metadata */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("use", choice());
        o.addProperty("network", network);
        o.addProperty("network_val_mae", networkValMae);
        JsonObject b = new JsonObject();
        for (String name : ModelChoice.BASELINES) {
            if (baselines.containsKey(name)) {
                b.addProperty(name, baselines.get(name));
            }
        }
        o.add("baselines_val_mae", b);
        o.addProperty("validation_windows", windows);
        return o;
    }

    /**
     * The model a checkpoint's metadata says imputes better on validation.
     *
     * @param meta a checkpoint's metadata
     * @return a baseline's name, or {@code null} to use the network (also for a checkpoint
     *     without a check)
     */
    public static String recordedBaseline(JsonObject meta) {
        return ModelChoice.recordedBaseline(meta, KEY);
    }

    /**
     * Whether a name is a network ({@link Networks#SPIN}, {@link Networks#SPIN_H}).
     *
     * @param name a model name
     * @return whether it names a network
     */
    static boolean isNetwork(String name) {
        return name.equals(Networks.SPIN) || name.equals(Networks.SPIN_H);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
