package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.spinj.graph.listen.ListenerRegistration;

/**
 * The probe list a network or layer owns. A block checks {@link #isEmpty()} before building a
 * stage's recompute function, so with no probe registered a stage costs one emptiness check.
 */
public final class StageProbes {

    private final List<StageProbe> probes = new CopyOnWriteArrayList<>();

    /**
     * Adds a probe.
     *
     * @param probe the probe
     * @return the handle that removes it
     */
    public ListenerRegistration add(StageProbe probe) {
        Objects.requireNonNull(probe, "probe");
        probes.add(probe);
        return () -> probes.remove(probe);
    }

    /** @return whether no probe is registered */
    public boolean isEmpty() {
        return probes.isEmpty();
    }

    /**
     * Hands a stage to every registered probe.
     *
     * @param name the stage's name
     * @param inputs its differentiable inputs
     * @param recompute recomputes its outputs from such inputs
     */
    public void report(String name, NDList inputs, Function<NDList, NDList> recompute) {
        for (StageProbe p : probes) {
            p.onStage(name, inputs, recompute);
        }
    }

    /**
     * Runs a stage on its inputs and, when a probe listens, hands it the stage: the one way a
     * block both computes a stage and reports it.
     *
     * @param name the stage's name
     * @param inputs its differentiable inputs
     * @param stage computes its outputs from such inputs
     * @return {@code stage} applied to {@code inputs}
     */
    public NDList run(String name, NDList inputs, Function<NDList, NDList> stage) {
        NDList out = stage.apply(inputs);
        if (!probes.isEmpty()) {
            report(name, inputs, stage);
        }
        return out;
    }

    /**
     * {@link #run(String, NDList, Function)} for a stage of one input and one output.
     *
     * @param name the stage's name
     * @param input its differentiable input
     * @param stage computes its output from such an input
     * @return {@code stage} applied to {@code input}
     */
    public NDArray run(String name, NDArray input, UnaryOperator<NDArray> stage) {
        return run(name, new NDList(input), in -> new NDList(stage.apply(in.singletonOrThrow())))
                .singletonOrThrow();
    }

    /**
     * Adds a probe here and, under the names {@code layer<l>/...}, to every layer: how a network
     * registers one probe on itself and its layers.
     *
     * @param probe the probe
     * @param layers the network's layers, in order
     * @return the handle that removes it from the network and its layers
     */
    public ListenerRegistration addWithLayers(
            StageProbe probe, List<? extends StageSource> layers) {
        List<ListenerRegistration> regs = new ArrayList<>();
        regs.add(add(probe));
        for (int l = 0; l < layers.size(); l++) {
            regs.add(layers.get(l).addStageProbe(prefixed("layer" + l, probe)));
        }
        return () -> regs.forEach(ListenerRegistration::close);
    }

    /**
     * A probe that forwards to {@code probe} with {@code prefix + "/"} before each name: how a
     * network registers one probe on its layers.
     *
     * @param prefix e.g. {@code layer0}
     * @param probe the probe to forward to
     * @return the prefixing probe
     */
    public static StageProbe prefixed(String prefix, StageProbe probe) {
        Objects.requireNonNull(probe, "probe");
        return (name, inputs, recompute) -> probe.onStage(prefix + "/" + name, inputs, recompute);
    }
}
