package org.spinj.experiments;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.spinj.datasets.Datasets;

/**
 * The data options a model was trained on, stored under {@value #KEY} in its checkpoint (and in
 * the run's {@code config.json}), so that {@code spinj evaluate} rebuilds the same task: the
 * dataset or the user's CSV with its nodes, adjacency or distances and its time zone, the
 * evaluation mask and the window.
 * Files are stored as absolute paths; when one has moved, {@link #restore} says which and which
 * option gives its new place.
 *
 * @param spec the data options, paths absolute
 */
public record DataProvenance(DataSpec spec) {

    /** The checkpoint metadata key. */
    public static final String KEY = "data";

    /** Makes the spec's paths absolute (against the working directory of training). */
    public DataProvenance {
        Objects.requireNonNull(spec, "spec");
        spec = new DataSpec(spec.dataset(), absolute(spec.csv()), absolute(spec.nodes()),
                absolute(spec.adjacency()), absolute(spec.distances()), spec.zone(),
                evalMask(spec.evalMask()), absolute(spec.dataDir()), spec.window(),
                spec.nodeIdColumn());
    }

    /**
     * @param mask {@code point}, {@code block}, a mask CSV path or null
     * @return the same, with an existing mask file's path made absolute
     */
    public static String evalMask(String mask) {
        if (mask == null || isKind(mask) || !Files.isRegularFile(Path.of(mask))) {
            return mask;
        }
        return absolute(Path.of(mask)).toString();
    }

    private static boolean isKind(String mask) {
        String m = mask.toLowerCase(Locale.ROOT);
        return m.equals("point") || m.equals("block");
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** @return the options as {@code config.json} spells them ({@code csv}, {@code eval-mask}...) */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("dataset", value(spec.dataset()));
        o.add("csv", value(spec.csv()));
        o.add("nodes", value(spec.nodes()));
        o.add("adjacency", value(spec.adjacency()));
        o.add("distances", value(spec.distances()));
        o.add("zone", value(spec.zone()));
        o.add("eval-mask", value(spec.evalMask()));
        o.add("data-dir", value(spec.dataDir()));
        o.addProperty("window", spec.window());
        if (spec.nodeIdColumn() != null) {
            o.addProperty("node-id-column", spec.nodeIdColumn());
        }
        return o;
    }

    private static JsonElement value(Object v) {
        return v == null ? JsonNull.INSTANCE : new JsonPrimitive(v.toString());
    }

    /**
     * Reads the options back from a checkpoint's or a run's metadata.
     *
     * @param meta a checkpoint's metadata (with {@value #KEY}) or a run's {@code config.json}
     * @return the options, or null when {@code meta} records none
     */
    public static DataProvenance of(JsonObject meta) {
        if (meta.has(KEY) && meta.get(KEY).isJsonObject()) {
            return new DataProvenance(DataSpec.fromConfig(meta.getAsJsonObject(KEY)));
        }
        if (meta.has("csv")) { // a run's config.json: every data option is a key, null when unset
            return new DataProvenance(DataSpec.fromConfig(meta));
        }
        return null;
    }

    /**
     * What the user gives {@code evaluate} to replace stored options: null keeps the stored value.
     *
     * @param csv the CSV's new place
     * @param nodes the nodes CSV's new place
     * @param adjacency the adjacency CSV's new place
     * @param distances the distance list's new place
     * @param evalMask another evaluation mask
     * @param dataDir another data directory
     */
    public record Overrides(
            Path csv, Path nodes, Path adjacency, Path distances, String evalMask, Path dataDir) {

        /** No replacement. */
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null);

        /** @return whether any option that only a CSV-trained model takes is given */
        boolean anyGraphFile() {
            return csv != null || nodes != null || adjacency != null || distances != null;
        }
    }

    /**
     * The spec to rebuild the task from: the stored options with the overrides, every file
     * checked.
     *
     * @param source what the options were read from, for messages
     * @param o the user's replacements
     * @return the spec
     * @throws IllegalArgumentException naming the missing file and the option that replaces it,
     *     or an override the training data did not use
     */
    public DataSpec restore(Object source, Overrides o) {
        Objects.requireNonNull(o, "o");
        if (spec.csv() == null && o.anyGraphFile()) {
            throw new IllegalArgumentException(
                    source + " was trained on the dataset " + spec.name() + ", not on a CSV:"
                            + " --csv, --nodes, --adjacency and --distances do not apply");
        }
        Path csv = require(source, o.csv() != null ? o.csv() : spec.csv(), "--csv",
                "the data CSV", o.csv() != null);
        Path nodes = require(source, o.nodes() != null ? o.nodes() : spec.nodes(), "--nodes",
                "the node coordinates", o.nodes() != null);
        Path adjacency = require(source, o.adjacency() != null ? o.adjacency() : spec.adjacency(),
                "--adjacency", "the adjacency matrix", o.adjacency() != null);
        Path distances = require(source, o.distances() != null ? o.distances() : spec.distances(),
                "--distances", "the distance list", o.distances() != null);
        String mask = o.evalMask() != null ? o.evalMask() : spec.evalMask();
        if (mask != null && !isKind(mask) && !Files.isRegularFile(Path.of(mask))) {
            throw new IllegalArgumentException(o.evalMask() != null
                    ? "--eval-mask " + mask + ": no such mask file (expected point, block or a"
                            + " mask CSV)"
                    : source + " was scored on the evaluation mask " + mask + ", which no"
                            + " longer exists; pass --eval-mask FILE with its new place (or"
                            + " point or block for an injected mask)");
        }
        Path dataDir = o.dataDir() != null ? o.dataDir() : spec.dataDir();
        if (spec.csv() == null && dataDir != null && o.dataDir() == null
                && !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException(
                    source + " read " + spec.name() + " from " + dataDir + ", which no longer"
                            + " exists; pass --data-dir DIR with its new place");
        }
        return new DataSpec(spec.dataset(), csv, nodes, adjacency, distances, spec.zone(), mask,
                dataDir, spec.window(), o.nodes() != null ? null : spec.nodeIdColumn());
    }

    private static Path require(Object source, Path p, String option, String what, boolean given) {
        if (p == null || Files.isRegularFile(p)) {
            return p;
        }
        if (given) {
            TaskPreparation.requireFile(p, option);
        }
        throw new IllegalArgumentException(
                source + " was trained on " + what + " " + p + ", which no longer exists; pass "
                        + option + " FILE with its new place");
    }

    /**
     * The options of a checkpoint that records none (written before they were stored): its
     * dataset name and window, which only a known dataset can be rebuilt from.
     *
     * @param source the checkpoint, for messages
     * @param dataset the dataset name in its metadata
     * @param window its window
     * @param o the user's replacements
     * @return the spec
     * @throws IllegalArgumentException when the name is not a known dataset and no {@code --csv}
     *     is given
     */
    public static DataSpec legacy(Object source, String dataset, int window, Overrides o) {
        if (o.csv() != null) {
            if (o.nodes() == null && o.adjacency() == null && o.distances() == null) {
                throw new IllegalArgumentException(
                        "--csv " + o.csv() + " needs the graph the model was trained with: give"
                                + " --nodes, --adjacency or --distances");
            }
            return new DataProvenance(new DataSpec(null, o.csv(), o.nodes(), o.adjacency(),
                    o.distances(), null, o.evalMask(), null, window)).restore(source, o);
        }
        if (!Datasets.NAMES.contains(dataset.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    source + " does not record its data options and was trained on '" + dataset
                            + "', not a known dataset; pass --csv FILE with --nodes FILE,"
                            + " --adjacency FILE or --distances FILE (and --eval-mask if it was"
                            + " not point)");
        }
        return new DataSpec(dataset, null, null, null, null, null, o.evalMask(), o.dataDir(),
                window);
    }
}
