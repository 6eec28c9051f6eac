package org.spinj.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a training step's time and memory go, stage by stage: each stage of the network (the
 * input encoder, each layer's input skip, each layer, each readout) timed in isolation, forward
 * and backward, with the memory it allocated, next to the whole step's forward and backward
 * measured the same way. A layer's parts ({@code layer0/spatial}, {@code layer0/temporal}) are
 * listed under it, with the rest of the layer (skip connection, normalisation) by difference.
 *
 * <p>The top-level stages partition the forward pass, so their sum should match the whole step;
 * the difference ({@link #residualMs()}) is the loss, the gradient bookkeeping between stages,
 * and measurement noise.
 */
public final class LayerProfile {

    /**
     * One stage timed in isolation: medians over repeats, and the memory its forward and its
     * backward allocated.
     *
     * @param name the stage, e.g. {@code layer0} or {@code layer0/spatial} (a part of {@code
     *     layer0})
     * @param forwardMs forward time, ms
     * @param backwardMs backward time, ms
     * @param forwardMb memory the forward allocated, MiB (held for the backward in a real step)
     * @param backwardMb memory the backward allocated, MiB
     */
    public record Stage(String name, double forwardMs, double backwardMs, double forwardMb,
            double backwardMb) {
        /** Validates the name and that every figure is finite and non-negative. */
        public Stage {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.startsWith("/") || name.endsWith("/")) {
                throw new IllegalArgumentException(
                        "stage name must be 'stage' or 'parent/part', got '" + name + "'");
            }
            for (double v : new double[] {forwardMs, backwardMs, forwardMb, backwardMb}) {
                if (!Double.isFinite(v) || v < 0) {
                    throw new IllegalArgumentException("stage " + name + " has figure " + v
                            + ", expected finite and >= 0");
                }
            }
        }

        /** @return forward plus backward time, ms */
        public double totalMs() {
            return forwardMs + backwardMs;
        }

        /** @return whether this is a part of another stage ({@code parent/part}) */
        public boolean isPart() {
            return name.indexOf('/') > 0;
        }
    }

    private final List<Stage> stages;
    private final double stepForwardMs;
    private final double stepBackwardMs;

    /**
     * @param stages the stages in forward order, each part after its parent or before it
     * @param stepForwardMs the whole network's forward plus loss, ms
     * @param stepBackwardMs the whole network's backward, ms
     * @throws IllegalArgumentException if a part has no parent among the stages, a name repeats,
     *     or a step time is not finite and positive
     */
    public LayerProfile(List<Stage> stages, double stepForwardMs, double stepBackwardMs) {
        this.stages = List.copyOf(stages);
        if (!(stepForwardMs > 0) || !(stepBackwardMs > 0) || !Double.isFinite(stepForwardMs)
                || !Double.isFinite(stepBackwardMs)) {
            throw new IllegalArgumentException("step times must be finite and > 0, got forward "
                    + stepForwardMs + " ms, backward " + stepBackwardMs + " ms");
        }
        this.stepForwardMs = stepForwardMs;
        this.stepBackwardMs = stepBackwardMs;
        List<String> names = new ArrayList<>();
        for (Stage s : this.stages) {
            if (names.contains(s.name())) {
                throw new IllegalArgumentException("stage " + s.name() + " appears twice");
            }
            names.add(s.name());
        }
        for (Stage s : this.stages) {
            if (s.isPart() && !names.contains(parentOf(s))) {
                throw new IllegalArgumentException("stage " + s.name() + " has no parent stage "
                        + parentOf(s) + " among " + names);
            }
        }
    }

    private static String parentOf(Stage s) {
        return s.name().substring(0, s.name().indexOf('/'));
    }

    /** @return the top-level stages, in forward order */
    public List<Stage> topLevel() {
        return stages.stream().filter(s -> !s.isPart()).toList();
    }

    /**
     * @param parent a top-level stage's name
     * @return its parts, in forward order (empty if it has none)
     */
    public List<Stage> parts(String parent) {
        return stages.stream().filter(s -> s.isPart() && parentOf(s).equals(parent)).toList();
    }

    /**
     * The rest of a stage with parts: the stage less its parts, forward and backward (memory
     * likewise), each clamped at 0 since separately timed parts can exceed their whole by noise.
     *
     * @param parent a top-level stage with parts
     * @return {@code parent/rest}
     * @throws IllegalArgumentException if the stage is unknown or has no parts
     */
    public Stage rest(String parent) {
        Stage whole = topLevel().stream().filter(s -> s.name().equals(parent)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no top-level stage " + parent));
        List<Stage> parts = parts(parent);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stage " + parent + " has no parts");
        }
        double f = whole.forwardMs();
        double b = whole.backwardMs();
        double fm = whole.forwardMb();
        double bm = whole.backwardMb();
        for (Stage p : parts) {
            f -= p.forwardMs();
            b -= p.backwardMs();
            fm -= p.forwardMb();
            bm -= p.backwardMb();
        }
        return new Stage(parent + "/rest", Math.max(0, f), Math.max(0, b), Math.max(0, fm),
                Math.max(0, bm));
    }

    /** @return the whole step's forward plus backward, ms */
    public double stepMs() {
        return stepForwardMs + stepBackwardMs;
    }

    /** @return the whole step's forward (with the loss), ms */
    public double stepForwardMs() {
        return stepForwardMs;
    }

    /** @return the whole step's backward, ms */
    public double stepBackwardMs() {
        return stepBackwardMs;
    }

    /** @return the sum of the top-level stages' forward and backward times, ms */
    public double stagesMs() {
        return topLevel().stream().mapToDouble(Stage::totalMs).sum();
    }

    /** @return the whole step less the sum of the top-level stages, ms (may be negative) */
    public double residualMs() {
        return stepMs() - stagesMs();
    }

    /**
     * @param s a stage
     * @return its forward plus backward time as a share of the whole step's
     */
    public double share(Stage s) {
        return s.totalMs() / stepMs();
    }

    /** @return the memory all top-level stages' forwards allocated, MiB */
    public double forwardMb() {
        return topLevel().stream().mapToDouble(Stage::forwardMb).sum();
    }

    /**
     * The profile as a Markdown table: one row per stage (parts and the rest of their layer under
     * it), then the sum of the stages, the whole step and the residual.
     *
     * @return the table, one row per line
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| stage | fwd ms | bwd ms | share of step | fwd alloc MB | bwd alloc MB |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Stage s : topLevel()) {
            row(sb, s.name(), s);
            List<Stage> parts = parts(s.name());
            if (!parts.isEmpty()) {
                for (Stage p : parts) {
                    row(sb, p.name(), p);
                }
                row(sb, s.name() + "/rest (difference)", rest(s.name()));
            }
        }
        double fm = forwardMb();
        double bm = topLevel().stream().mapToDouble(Stage::backwardMb).sum();
        double fs = topLevel().stream().mapToDouble(Stage::forwardMs).sum();
        double bs = topLevel().stream().mapToDouble(Stage::backwardMs).sum();
        sb.append(String.format(Locale.ROOT, "| sum of stages | %.1f | %.1f | %.1f%% | %.1f | %.1f |\n",
                fs, bs, 100 * stagesMs() / stepMs(), fm, bm));
        sb.append(String.format(Locale.ROOT, "| whole step (fwd + loss, bwd) | %.1f | %.1f | 100.0%% | | |\n",
                stepForwardMs, stepBackwardMs));
        sb.append(String.format(Locale.ROOT, "| residual (step - sum) | %.1f | %.1f | %.1f%% | | |\n",
                stepForwardMs - fs, stepBackwardMs - bs, 100 * residualMs() / stepMs()));
        return sb.toString();
    }

    private void row(StringBuilder sb, String name, Stage s) {
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f%% | %.1f | %.1f |\n", name,
                s.forwardMs(), s.backwardMs(), 100 * share(s), s.forwardMb(), s.backwardMb()));
    }
}
