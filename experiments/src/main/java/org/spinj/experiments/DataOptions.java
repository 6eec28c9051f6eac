package org.spinj.experiments;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that choose the data of a command: a known dataset by name, or a user's wide CSV
 * with its coordinates, adjacency or distance list and its time zone, plus what is held out for
 * evaluation and the window length.
 */
public final class DataOptions {

    /** The default window length {@code T} (the paper's, for every dataset). */
    public static final int DEFAULT_WINDOW = 24;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "A known dataset: aqi36, los-loop, metr-la, pems-bay, pems04, pems08 or"
                    + " synthetic (default: synthetic unless --csv is given).")
    String dataset;

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "A wide CSV of your own: timestamp column, then one column per node.")
    Path csv;

    @Option(
            names = "--nodes",
            paramLabel = "FILE",
            description = "Node coordinates for --csv (id,latitude,longitude): Gaussian-kernel graph"
                    + " (instead of --adjacency or --distances).")
    Path nodes;

    @Option(
            names = "--node-id-column",
            paramLabel = "NAME",
            description = "The --nodes column holding the CSV's node ids, when its header has"
                    + " several id-like columns (e.g. code and station) whose values both match"
                    + " (default: the one that matches the CSV's header).")
    String nodeIdColumn;

    @Option(
            names = "--adjacency",
            paramLabel = "FILE",
            description = "A dense N x N adjacency CSV for --csv (instead of --nodes or"
                    + " --distances).")
    Path adjacency;

    @Option(
            names = "--distances",
            paramLabel = "FILE",
            description =
                    "A distance edge list for --csv: from,to,cost rows naming the CSV's node ids"
                            + " (header by name, or none); Gaussian-kernel graph, threshold 0.1,"
                            + " symmetrised (instead of --adjacency or the --nodes graph).")
    Path distances;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description =
                    "Time zone of the --csv timestamps, e.g. Europe/Paris or +01:00 (default: UTC;"
                            + " known datasets have their own).")
    String zone;

    @Option(
            names = "--eval-mask",
            paramLabel = "point|block|FILE",
            description =
                    "What is held out for evaluation: injected point or block missing data, or a"
                            + " wide CSV marking the targets with 1 (default: point; aqi36 uses"
                            + " its shipped mask).")
    String evalMask;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the dataset files are (default: $SPINJ_DATA, then ../shared/data).")
    Path dataDir;

    @Option(
            names = "--window",
            paramLabel = "T",
            description = "Window length in steps (default: " + DEFAULT_WINDOW + ").")
    int window = DEFAULT_WINDOW;

    /** @return the data specification these options describe */
    public DataSpec spec() {
        return new DataSpec(dataset, csv, nodes, adjacency, distances, zone, evalMask, dataDir,
                window, nodeIdColumn);
    }
}
