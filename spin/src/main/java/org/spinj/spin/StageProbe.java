package org.spinj.spin;

import ai.djl.ndarray.NDList;
import java.util.function.Function;

/**
 * Observes the stages of a network's forward pass (the input encoder, each layer's input skip,
 * each layer, each readout, and inside a layer its spatial and temporal attention), for
 * per-layer profiling: a probe receives each stage's inputs and a function that recomputes the
 * stage from such inputs with the same parameters, graph and mask, so a profiler can run one
 * stage in isolation (forward, then backward of its outputs) on the inputs it really had.
 *
 * <p>Stage names are {@code encoder}, {@code xskip<l>}, {@code layer<l>}, {@code readout<l>}
 * at the top level, whose outputs together make the network's forward pass, and {@code
 * layer<l>/spatial}, {@code layer<l>/temporal} for the parts of a layer (the rest of the layer
 * being its skip connection and normalisation).
 */
@FunctionalInterface
public interface StageProbe {

    /**
     * Called during a forward pass after a stage has run.
     *
     * <p>A probe only observes: it neither closes nor modifies the arrays; to keep them it copies
     * them (e.g. {@code stopGradient()}), since they belong to the forward pass's manager. The
     * function stays valid as long as the arrays of that forward pass (its mask and graph
     * tensors) are open, and it reports nothing when called after the probe was removed.
     *
     * @param name the stage, e.g. {@code layer0} or {@code layer0/spatial}
     * @param inputs the stage's differentiable inputs (activations, {@code [B, T, N, d]} step
     *     tokens, and for SPIN-H also {@code [B, K, N, z]} hub tokens); empty for the encoder,
     *     whose inputs are data
     * @param recompute runs the stage again on inputs of the same shapes and returns its outputs
     */
    void onStage(String name, NDList inputs, Function<NDList, NDList> recompute);
}
