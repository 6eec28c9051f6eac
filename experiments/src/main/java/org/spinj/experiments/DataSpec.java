package org.spinj.experiments;

import java.nio.file.Path;

/**
 * Which data an experiment runs on.
 *
 * @param dataset a known dataset name ({@code aqi36}, {@code los-loop}, {@code synthetic}), or
 *     null with {@code csv}
 * @param csv a user's wide CSV, or null
 * @param nodes node coordinates for {@code csv}, or null
 * @param adjacency a dense adjacency CSV for {@code csv}, or null
 * @param evalMask {@code point}, {@code block}, a mask CSV path, or null for the dataset's default
 * @param dataDir an explicit data directory, or null
 * @param window the window length {@code T}
 */
public record DataSpec(
        String dataset, Path csv, Path nodes, Path adjacency, String evalMask, Path dataDir,
        int window) {

    /** Checks that the options fit together. */
    public DataSpec {
        if (dataset != null && csv != null) {
            throw new IllegalArgumentException(
                    "give either --dataset " + dataset + " or --csv " + csv + ", not both");
        }
        if (csv == null && (nodes != null || adjacency != null)) {
            throw new IllegalArgumentException("--nodes and --adjacency need --csv");
        }
        if (window < 2) {
            throw new IllegalArgumentException("--window must be >= 2, got " + window);
        }
    }

    /**
     * @param name a known dataset name
     * @return a spec of that dataset with the defaults
     */
    public static DataSpec of(String name) {
        return new DataSpec(name, null, null, null, null, null, DataOptions.DEFAULT_WINDOW);
    }

    /** @return the dataset's name: the known name, or the CSV's file name without extension */
    public String name() {
        if (csv != null) {
            String f = csv.getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }
        return dataset == null ? "synthetic" : dataset;
    }

    /**
     * Reads the data options of a run's {@code config.json}.
     *
     * @param c the configuration
     * @return the spec
     */
    public static DataSpec fromConfig(com.google.gson.JsonObject c) {
        return new DataSpec(string(c, "dataset"), path(c, "csv"), path(c, "nodes"),
                path(c, "adjacency"), string(c, "eval-mask"), path(c, "data-dir"),
                c.has("window") ? c.get("window").getAsInt() : DataOptions.DEFAULT_WINDOW);
    }

    private static String string(com.google.gson.JsonObject c, String key) {
        return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsString() : null;
    }

    private static Path path(com.google.gson.JsonObject c, String key) {
        String s = string(c, key);
        return s == null ? null : Path.of(s);
    }

    /**
     * @param newWindow the window length
     * @return this spec with that window
     */
    public DataSpec withWindow(int newWindow) {
        return new DataSpec(dataset, csv, nodes, adjacency, evalMask, dataDir, newWindow);
    }

    /**
     * @param mask {@code point}, {@code block} or a mask CSV
     * @return this spec with that evaluation mask
     */
    public DataSpec withEvalMask(String mask) {
        return new DataSpec(dataset, csv, nodes, adjacency, mask, dataDir, window);
    }
}
