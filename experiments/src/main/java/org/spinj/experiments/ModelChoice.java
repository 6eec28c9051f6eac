package org.spinj.experiments;

import java.util.List;
import java.util.Locale;
import org.spinj.graph.EdgeIndex;
import org.spinj.spin.Networks;
import org.spinj.spin.baseline.GraphKnnImputer;
import org.spinj.spin.baseline.Imputer;
import org.spinj.spin.baseline.LinearInterpolationImputer;
import org.spinj.spin.baseline.LocfImputer;
import org.spinj.spin.baseline.MeanImputer;
import org.spinj.spin.baseline.NeighbourRegressionImputer;

/**
 * A model named on the command line: a trained network ({@code spin}) or a baseline ({@code
 * mean}, {@code locf}, {@code interp}, {@code knn}, {@code mice}).
 *
 * @param name the lower-case name
 */
public record ModelChoice(String name) {

    /** The baselines, in the order tables list them. */
    public static final List<String> BASELINES = List.of("mean", "locf", "interp", "knn", "mice");

    /** Every accepted name. */
    public static final List<String> NAMES =
            List.of(Networks.SPIN, Networks.SPIN_H, "mean", "locf", "interp", "knn", "mice");

    /** Normalises and checks the name. */
    public ModelChoice {
        name = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown model '" + name + "', expected one of " + NAMES);
        }
    }

    /** @return whether the model is a network that needs training */
    public boolean isNetwork() {
        return name.equals(Networks.SPIN) || name.equals(Networks.SPIN_H);
    }

    /**
     * @param graph the task's graph (used by {@code knn} and {@code mice})
     * @return the baseline imputer
     * @throws IllegalStateException for a network
     */
    public Imputer imputer(EdgeIndex graph) {
        switch (name) {
            case "mean":
                return new MeanImputer();
            case "locf":
                return new LocfImputer();
            case "interp":
                return new LinearInterpolationImputer();
            case "knn":
                return new GraphKnnImputer(graph);
            case "mice":
                return new NeighbourRegressionImputer(graph);
            default:
                throw new IllegalStateException(name + " is a network, not a baseline imputer");
        }
    }

    /**
     * Parses a comma-separated list.
     *
     * @param csv e.g. {@code spin,mean,interp}
     * @return the models, in order
     */
    public static List<ModelChoice> parseList(String csv) {
        return java.util.Arrays.stream(csv.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(ModelChoice::new)
                .toList();
    }

    /**
     * The baseline a checkpoint's metadata records under a key ({@code {"use": name, ...}}).
     *
     * @param meta a checkpoint's metadata, or {@code null}
     * @param key the record's key
     * @return a baseline's name, or {@code null} when nothing or no baseline is recorded
     */
    static String recordedBaseline(com.google.gson.JsonObject meta, String key) {
        com.google.gson.JsonElement e = meta == null ? null : meta.get(key);
        if (e == null || !e.isJsonObject() || !e.getAsJsonObject().has("use")) {
            return null;
        }
        String use = e.getAsJsonObject().get("use").getAsString();
        return BASELINES.contains(use) ? use : null;
    }
}
