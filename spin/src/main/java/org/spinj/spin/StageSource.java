package org.spinj.spin;

import org.spinj.graph.listen.ListenerRegistration;

/** A network or layer that reports its stages to {@link StageProbe}s (for profiling). */
public interface StageSource {

    /**
     * Registers a probe until the returned registration is closed; a network registers it on its
     * layers too.
     *
     * @param probe the probe
     * @return the handle that removes it
     */
    ListenerRegistration addStageProbe(StageProbe probe);
}
