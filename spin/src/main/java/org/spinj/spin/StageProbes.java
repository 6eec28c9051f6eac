package org.spinj.spin;

import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
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
