package org.spinj.experiments;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinj.datasets.SpatioTemporalSeries;

/**
 * A partition of a series' steps into labelled groups, to score an imputation group by group
 * ({@code spinj evaluate --by}): by calendar month, or by whether any sensor reports at the step.
 *
 * @param name what the partition is by ({@code month} or {@code outage})
 * @param labels the groups' labels, in order
 * @param groupOfStep the group of every step, {@code 0..labels.size() - 1}
 */
public record StepGroups(String name, List<String> labels, int[] groupOfStep) {

    /** Label of the steps at which no input of any node is visible. */
    public static final String DARK = "no sensor reports";
    /** Label of the steps at which some input is visible. */
    public static final String LIT = "some sensor reports";

    /** Copies the labels. */
    public StepGroups {
        labels = List.copyOf(labels);
    }

    /**
     * @param by {@code month} or {@code outage}, any case
     * @param series the series to partition
     * @return the partition
     * @throws IllegalArgumentException naming {@code --by} and the accepted values
     */
    public static StepGroups of(String by, SpatioTemporalSeries series) {
        return switch (by == null ? "" : by.trim().toLowerCase(Locale.ROOT)) {
            case "month" -> byMonth(series);
            case "outage" -> byOutage(series);
            default -> throw new IllegalArgumentException(
                    "--by '" + by + "' is not understood; expected month or outage");
        };
    }

    /**
     * @param series a series with its time index
     * @return one group per calendar month of the steps' local times, in time order
     */
    public static StepGroups byMonth(SpatioTemporalSeries series) {
        Map<YearMonth, Integer> index = new LinkedHashMap<>();
        int[] group = new int[series.numSteps()];
        for (int t = 0; t < group.length; t++) {
            YearMonth m = YearMonth.from(series.timeIndex().at(t));
            Integer g = index.get(m);
            if (g == null) {
                g = index.size();
                index.put(m, g);
            }
            group[t] = g;
        }
        List<String> labels = new ArrayList<>();
        index.keySet().forEach(m -> labels.add(m.toString()));
        return new StepGroups("month", labels, group);
    }

    /**
     * Steps at which the model's input shows nothing at all (every node observed-and-not-held-out
     * is absent: a network-wide outage, real or in the evaluation mask) against the rest. Only
     * time can help at a dark step; its neighbours are as blind as the node itself.
     *
     * @param series a series with its masks
     * @return two groups, {@link #DARK} (0) and {@link #LIT} (1)
     */
    public static StepGroups byOutage(SpatioTemporalSeries series) {
        boolean[] visible = series.trainingMask();
        int perStep = series.numNodes() * series.numChannels();
        int[] group = new int[series.numSteps()];
        for (int t = 0; t < group.length; t++) {
            for (int i = t * perStep; i < (t + 1) * perStep; i++) {
                if (visible[i]) {
                    group[t] = 1;
                    break;
                }
            }
        }
        return new StepGroups("outage", List.of(DARK, LIT), group);
    }

    /** @return the number of groups */
    public int size() {
        return labels.size();
    }
}
