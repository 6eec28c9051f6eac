package org.spinj.experiments;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Which data an experiment runs on.
 *
 * @param dataset a known dataset name ({@code aqi36}, {@code los-loop}, {@code metr-la}, {@code
 *     pems-bay}, {@code pems04}, {@code pems08}, {@code synthetic}), or null with {@code csv}
 * @param csv a user's wide CSV, or null
 * @param nodes node coordinates for {@code csv}, or null
 * @param adjacency a dense adjacency CSV for {@code csv}, or null
 * @param distances a distance edge list naming the nodes of {@code csv} by id, or null
 * @param zone the time zone of {@code csv}'s timestamps (a region id or an offset), or null for
 *     UTC
 * @param evalMask {@code point}, {@code block}, a mask CSV path, or null for the dataset's default
 * @param dataDir an explicit data directory, or null
 * @param window the window length {@code T}
 * @param nodeIdColumn the id column of {@code nodes} when its header has several, or null
 */
public record DataSpec(
        String dataset, Path csv, Path nodes, Path adjacency, Path distances, String zone,
        String evalMask, Path dataDir, int window, String nodeIdColumn) {

    /**
     * A spec whose nodes file, if any, has one id column.
     *
     * @param dataset a known dataset name, or null with {@code csv}
     * @param csv a user's wide CSV, or null
     * @param nodes node coordinates for {@code csv}, or null
     * @param adjacency a dense adjacency CSV for {@code csv}, or null
     * @param distances a distance edge list for {@code csv}, or null
     * @param zone the time zone of {@code csv}'s timestamps, or null for UTC
     * @param evalMask {@code point}, {@code block}, a mask CSV path, or null
     * @param dataDir an explicit data directory, or null
     * @param window the window length {@code T}
     */
    public DataSpec(String dataset, Path csv, Path nodes, Path adjacency, Path distances,
            String zone, String evalMask, Path dataDir, int window) {
        this(dataset, csv, nodes, adjacency, distances, zone, evalMask, dataDir, window, null);
    }

    /** Checks that the options fit together. */
    public DataSpec {
        if (dataset != null && csv != null) {
            throw new IllegalArgumentException(
                    "give either --dataset " + dataset + " or --csv " + csv + ", not both");
        }
        if (csv == null && (nodes != null || adjacency != null || distances != null)) {
            throw new IllegalArgumentException("--nodes, --adjacency and --distances need --csv");
        }
        if (adjacency != null && distances != null) {
            throw new IllegalArgumentException("give one graph for --csv: --adjacency " + adjacency
                    + " or --distances " + distances + ", not both");
        }
        if (nodes != null && (adjacency != null || distances != null)) {
            throw new IllegalArgumentException("give one graph for --csv: --nodes " + nodes
                    + " (a Gaussian kernel of the coordinates) or "
                    + (adjacency != null ? "--adjacency " + adjacency : "--distances " + distances)
                    + ", not both");
        }
        if (nodeIdColumn != null && nodes == null) {
            throw new IllegalArgumentException("--node-id-column " + nodeIdColumn
                    + " names a column of --nodes, which is not given");
        }
        if (zone != null && csv == null) {
            throw new IllegalArgumentException("--zone " + zone + " applies to --csv; the known"
                    + " datasets have their own time zone");
        }
        parseZone(zone);
        if (window < 2) {
            throw new IllegalArgumentException("--window must be >= 2, got " + window);
        }
    }

    /**
     * @param name a known dataset name
     * @return a spec of that dataset with the defaults
     */
    public static DataSpec of(String name) {
        return new DataSpec(name, null, null, null, null, null, null, null,
                DataOptions.DEFAULT_WINDOW);
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

    /** @return the time zone of {@link #csv()}'s timestamps: {@link #zone()}, or UTC */
    public ZoneId zoneId() {
        return parseZone(zone);
    }

    private static ZoneId parseZone(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("--zone '" + zone + "' is not a time zone ("
                    + e.getMessage() + "), expected a region such as Europe/Paris or"
                    + " America/Los_Angeles, or an offset such as +01:00 or UTC", e);
        }
    }

    /**
     * Reads the data options of a run's {@code config.json}.
     *
     * @param c the configuration
     * @return the spec
     */
    public static DataSpec fromConfig(com.google.gson.JsonObject c) {
        // runs trained before the graph options were exclusive may store --nodes beside the
        // --adjacency or --distances their graph was built from: keep the graph they trained on
        Path nodes = string(c, "adjacency") != null || string(c, "distances") != null ? null
                : path(c, "nodes");
        return new DataSpec(string(c, "dataset"), path(c, "csv"), nodes,
                path(c, "adjacency"), path(c, "distances"), string(c, "zone"),
                string(c, "eval-mask"), path(c, "data-dir"),
                c.has("window") ? c.get("window").getAsInt() : DataOptions.DEFAULT_WINDOW,
                nodes == null ? null : string(c, "node-id-column"));
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
        return new DataSpec(dataset, csv, nodes, adjacency, distances, zone, evalMask, dataDir,
                newWindow, nodeIdColumn);
    }

    /**
     * @param mask {@code point}, {@code block} or a mask CSV
     * @return this spec with that evaluation mask
     */
    public DataSpec withEvalMask(String mask) {
        return new DataSpec(dataset, csv, nodes, adjacency, distances, zone, mask, dataDir, window,
                nodeIdColumn);
    }

    /**
     * @param dir an explicit data directory
     * @return this spec reading its files from there
     */
    public DataSpec withDataDir(Path dir) {
        return new DataSpec(dataset, csv, nodes, adjacency, distances, zone, evalMask, dir, window,
                nodeIdColumn);
    }
}
