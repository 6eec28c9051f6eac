package org.spinj.spin;

import java.util.Objects;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.scale.AffineScaler;
import org.spinj.datasets.split.WindowSplit;
import org.spinj.graph.EdgeIndex;

/**
 * Everything an imputation experiment runs on: the series (with its evaluation mask), the graph,
 * the window split and the scaler fitted on the training windows.
 *
 * @param name the dataset's name, recorded in checkpoints and reports
 * @param series the series; its eval mask holds the targets, never seen by models
 * @param graph the spatial graph over the series' nodes
 * @param split train / validation / test windows
 * @param scaler standard scaler fitted on the observed training entries (spin.md §2.1)
 */
public record ImputationTask(
        String name, SpatioTemporalSeries series, EdgeIndex graph, WindowSplit split,
        AffineScaler scaler) {

    /** Validates that the pieces fit together. */
    public ImputationTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(scaler, "scaler");
        if (graph.numNodes() != series.numNodes()) {
            throw new IllegalArgumentException(
                    "the graph has " + graph.numNodes() + " nodes, the series "
                            + series.numNodes());
        }
        if (split.train().length == 0) {
            throw new IllegalArgumentException(
                    "no training window: the series has " + series.numSteps()
                            + " steps, too few for windows of " + split.spec().window());
        }
    }

    /**
     * Fits the standard scaler on the steps covered by the training windows and assembles a task.
     *
     * @param name dataset name
     * @param series the series with its eval mask
     * @param graph the graph
     * @param split the window split
     * @return the task
     */
    public static ImputationTask of(
            String name, SpatioTemporalSeries series, EdgeIndex graph, WindowSplit split) {
        boolean[] trainSteps = split.coveredSteps(split.train(), series.numSteps());
        return new ImputationTask(
                name, series, graph, split, AffineScaler.standard(series, trainSteps));
    }

    /** @return the window length {@code T} */
    public int window() {
        return split.spec().window();
    }
}
