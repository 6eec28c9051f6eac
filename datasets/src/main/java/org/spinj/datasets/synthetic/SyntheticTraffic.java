package org.spinj.datasets.synthetic;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.spinj.datasets.SpatioTemporalSeries;
import org.spinj.datasets.TimeIndex;
import org.spinj.graph.EdgeIndex;

/**
 * A synthetic traffic-speed network, generated in milliseconds from a seed: the embedded default
 * dataset and a test fixture. Spatial correlation carries information that a node's own history
 * lacks, so a graph model should beat per-node baselines on it.
 *
 * <ul>
 *   <li>Nodes: uniform in the unit square (mapped to coordinates around Los Angeles); the graph
 *       links every pair closer than {@code radius} (both directions, weight {@code exp(-(d /
 *       radius)^2)}), and an isolated node to its nearest neighbour.
 *   <li>Speed {@code v[t, i] = v0[i] - a[i] * rush(t) - events(t, i) + noise}: free-flow speed
 *       55..70 mph; rush-hour dips at 08:00 and 17:30, weaker at weekends (daily and weekly
 *       cycles), with a sensitivity {@code a[i]} that varies smoothly in space.
 *   <li>Events (incidents): a random centre node, start, duration (1..4 h) and magnitude (10..30
 *       mph); a node at distance {@code d} sees {@code magnitude * exp(-(d / radius)^2)},
 *       starting {@code 2 d / radius} steps later.
 *   <li>Noise: per-node AR(1) (ρ = 0.8, σ = 1.5 mph) plus white noise (σ = 0.8 mph).
 *   <li>Missing data (really missing, {@code observed = false}): sensor outages starting with
 *       probability {@code outageRate} per step and node, 4..47 steps long, plus isolated
 *       missing readings with probability {@code pointMissingRate}.
 * </ul>
 */
public final class SyntheticTraffic {

    /** Default node count. */
    public static final int DEFAULT_NODES = 36;
    /** Default length: four weeks of 15-minute steps. */
    public static final int DEFAULT_STEPS = 4 * 7 * 96;
    /** Default sampling period. */
    public static final Duration DEFAULT_STEP = Duration.ofMinutes(15);
    /** Default first step: Monday 2024-01-01 00:00 UTC. */
    public static final LocalDateTime DEFAULT_START = LocalDateTime.of(2024, 1, 1, 0, 0);
    /** Default mean degree that sets the link radius. */
    public static final double DEFAULT_MEAN_DEGREE = 6;
    /** Default probability that a sensor outage starts at a step. */
    public static final double DEFAULT_OUTAGE_RATE = 0.002;
    /** Default probability of an isolated missing reading. */
    public static final double DEFAULT_POINT_MISSING_RATE = 0.01;
    /** Default incidents per node and day. */
    public static final double DEFAULT_EVENTS_PER_NODE_DAY = 0.15;

    private final int nodes;
    private final int steps;
    private final Duration step;
    private final LocalDateTime start;
    private final double meanDegree;
    private final double outageRate;
    private final double pointMissingRate;
    private final double eventsPerNodeDay;
    private final long seed;

    private SyntheticTraffic(Builder b) {
        this.nodes = b.nodes;
        this.steps = b.steps;
        this.step = b.step;
        this.start = b.start;
        this.meanDegree = b.meanDegree;
        this.outageRate = b.outageRate;
        this.pointMissingRate = b.pointMissingRate;
        this.eventsPerNodeDay = b.eventsPerNodeDay;
        this.seed = b.seed;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default network for a seed */
    public static SpatioTemporalSeries generate(long seed) {
        return builder().optSeed(seed).build().generate();
    }

    /**
     * Generates the series.
     *
     * @return {@code [T, N, 1]} speeds in mph with coordinates and a graph
     */
    public SpatioTemporalSeries generate() {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[nodes];
        double[] y = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            x[i] = rng.nextDouble();
            y[i] = rng.nextDouble();
        }
        double radius = Math.sqrt(meanDegree / (Math.PI * nodes));
        double[][] dist = new double[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                dist[i][j] = Math.hypot(x[i] - x[j], y[i] - y[j]);
            }
        }
        EdgeIndex graph = graph(dist, radius);
        double phaseX = rng.nextDouble() * 2 * Math.PI;
        double phaseY = rng.nextDouble() * 2 * Math.PI;
        double[] v0 = new double[nodes];
        double[] sensitivity = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            v0[i] = 55 + 15 * rng.nextDouble();
            double smooth = 0.5 * (Math.sin(3 * x[i] + phaseX) + Math.cos(2.5 * y[i] + phaseY));
            sensitivity[i] = 0.75 + 0.25 * smooth; // in [0.25, 1.25]
        }
        double stepsPerHour = 3600.0 / step.toSeconds();
        double[] v = new double[steps * nodes];
        for (int t = 0; t < steps; t++) {
            LocalDateTime at = start.plus(step.multipliedBy(t));
            double hour = at.getHour() + at.getMinute() / 60.0 + at.getSecond() / 3600.0;
            int dow = at.getDayOfWeek().getValue(); // 1 = Monday
            double week = dow >= 6 ? 0.3 : dow == 5 ? 1.15 : 1.0;
            double rush = week * (15 * gauss((hour - 8) / 1.2) + 18 * gauss((hour - 17.5) / 1.5));
            for (int i = 0; i < nodes; i++) {
                v[t * nodes + i] = v0[i] - sensitivity[i] * rush;
            }
        }
        double days = steps / (24 * stepsPerHour);
        int events = (int) Math.round(eventsPerNodeDay * nodes * days);
        for (int e = 0; e < events; e++) {
            int centre = rng.nextInt(nodes);
            int begin = rng.nextInt(steps);
            int duration = (int) Math.max(1, Math.round(stepsPerHour * (1 + 3 * rng.nextDouble())));
            double magnitude = 10 + 20 * rng.nextDouble();
            for (int i = 0; i < nodes; i++) {
                double reach = Math.exp(-Math.pow(dist[i][centre] / radius, 2));
                if (reach < 0.05) {
                    continue;
                }
                int onset = begin + (int) Math.round(2 * dist[i][centre] / radius);
                for (int s = 0; s < duration; s++) {
                    int t = onset + s;
                    if (t >= steps) {
                        break;
                    }
                    // ramp up over the first two steps and down over the last two
                    double ramp = Math.min(1, Math.min(s + 1, duration - s) / 2.0);
                    v[t * nodes + i] -= magnitude * reach * ramp;
                }
            }
        }
        float[] values = new float[steps * nodes];
        double[] ar = new double[nodes];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < nodes; i++) {
                ar[i] = 0.8 * ar[i] + 1.5 * Math.sqrt(1 - 0.64) * rng.nextGaussian();
                double s = v[t * nodes + i] + ar[i] + 0.8 * rng.nextGaussian();
                values[t * nodes + i] = (float) Math.max(3, Math.min(80, s));
            }
        }
        boolean[] observed = new boolean[steps * nodes];
        Arrays.fill(observed, true);
        for (int i = 0; i < nodes; i++) {
            for (int t = 0; t < steps; t++) {
                if (rng.nextDouble() < outageRate) {
                    int len = 4 + rng.nextInt(44);
                    for (int s = t; s < Math.min(steps, t + len); s++) {
                        observed[s * nodes + i] = false;
                    }
                }
                if (rng.nextDouble() < pointMissingRate) {
                    observed[t * nodes + i] = false;
                }
            }
        }
        List<String> ids = new ArrayList<>();
        double[] lat = new double[nodes];
        double[] lon = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            ids.add(String.format("syn%03d", i));
            lat[i] = 34.0 + 0.3 * y[i];
            lon[i] = -118.5 + 0.4 * x[i];
        }
        return SpatioTemporalSeries.builder()
                .setTimeIndex(new TimeIndex(start, step, steps, ZoneOffset.UTC))
                .setNodeIds(ids)
                .setValues(values, 1)
                .optObserved(observed)
                .optCoordinates(lat, lon)
                .optGraph(graph)
                .build();
    }

    private static double gauss(double z) {
        return Math.exp(-z * z);
    }

    private EdgeIndex graph(double[][] dist, double radius) {
        boolean[][] linked = new boolean[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            int nearest = -1;
            boolean any = false;
            for (int j = 0; j < nodes; j++) {
                if (j != i && dist[i][j] < radius) {
                    linked[i][j] = true;
                    any = true;
                }
                if (j != i && (nearest < 0 || dist[i][j] < dist[i][nearest])) {
                    nearest = j;
                }
            }
            if (!any) {
                // an isolated node would carry no spatial information: link it to its nearest
                linked[i][nearest] = true;
                linked[nearest][i] = true;
            }
        }
        List<Integer> src = new ArrayList<>();
        List<Integer> tgt = new ArrayList<>();
        List<Float> w = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                if (linked[j][i]) {
                    src.add(j);
                    tgt.add(i);
                    w.add((float) Math.exp(-Math.pow(dist[i][j] / radius, 2)));
                }
            }
        }
        float[] weights = new float[w.size()];
        for (int e = 0; e < weights.length; e++) {
            weights[e] = w.get(e);
        }
        return EdgeIndex.of(nodes, src.stream().mapToInt(Integer::intValue).toArray(),
                tgt.stream().mapToInt(Integer::intValue).toArray(), weights);
    }

    /** Builder: every field is optional. */
    public static final class Builder {
        private int nodes = DEFAULT_NODES;
        private int steps = DEFAULT_STEPS;
        private Duration step = DEFAULT_STEP;
        private LocalDateTime start = DEFAULT_START;
        private double meanDegree = DEFAULT_MEAN_DEGREE;
        private double outageRate = DEFAULT_OUTAGE_RATE;
        private double pointMissingRate = DEFAULT_POINT_MISSING_RATE;
        private double eventsPerNodeDay = DEFAULT_EVENTS_PER_NODE_DAY;
        private long seed;

        private Builder() {}

        /**
         * @param n node count {@code N >= 2} (default 36)
         * @return this builder
         */
        public Builder optNodes(int n) {
            this.nodes = n;
            return this;
        }

        /**
         * @param t number of steps {@code T >= 1} (default four weeks)
         * @return this builder
         */
        public Builder optSteps(int t) {
            this.steps = t;
            return this;
        }

        /**
         * @param period sampling period (default 15 min)
         * @return this builder
         */
        public Builder optStep(Duration period) {
            this.step = period;
            return this;
        }

        /**
         * @param first local time (UTC) of step 0
         * @return this builder
         */
        public Builder optStart(LocalDateTime first) {
            this.start = first;
            return this;
        }

        /**
         * @param degree mean node degree that sets the link radius (default 6)
         * @return this builder
         */
        public Builder optMeanDegree(double degree) {
            this.meanDegree = degree;
            return this;
        }

        /**
         * @param outage probability per step and node that an outage starts (default 0.002)
         * @param point probability of an isolated missing reading (default 0.01)
         * @return this builder
         */
        public Builder optMissing(double outage, double point) {
            this.outageRate = outage;
            this.pointMissingRate = point;
            return this;
        }

        /**
         * @param rate incidents per node and day (default 0.15)
         * @return this builder
         */
        public Builder optEventRate(double rate) {
            this.eventsPerNodeDay = rate;
            return this;
        }

        /**
         * @param s the seed (default 0)
         * @return this builder
         */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @return the generator
         * @throws IllegalArgumentException naming every invalid field
         */
        public SyntheticTraffic build() {
            List<String> errors = new ArrayList<>();
            if (nodes < 2) {
                errors.add("nodes=" + nodes + " (expected >= 2)");
            }
            if (steps < 1) {
                errors.add("steps=" + steps + " (expected >= 1)");
            }
            if (step == null || step.isNegative() || step.isZero()) {
                errors.add("step=" + step + " (expected a positive duration)");
            }
            if (start == null) {
                errors.add("start=null");
            }
            if (!(meanDegree > 0)) {
                errors.add("meanDegree=" + meanDegree + " (expected > 0)");
            }
            if (!(outageRate >= 0 && outageRate <= 1) || !(pointMissingRate >= 0 && pointMissingRate <= 1)) {
                errors.add("missing rates " + outageRate + ", " + pointMissingRate + " (expected in [0, 1])");
            }
            if (!(eventsPerNodeDay >= 0)) {
                errors.add("eventRate=" + eventsPerNodeDay + " (expected >= 0)");
            }
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException("invalid SyntheticTraffic settings: " + errors);
            }
            return new SyntheticTraffic(this);
        }
    }
}
