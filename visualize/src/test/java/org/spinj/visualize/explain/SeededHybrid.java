package org.spinj.visualize.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.spinj.temporal.models.HybridCnnLstmAttention;

/**
 * The hybrid classifier the completeness tests explain: 16 features, the hidden size and heads
 * that {@code spinj classify hybrid} trains, initialised from a fixed seed so that every run
 * checks the same network.
 *
 * <p>Why not a smaller LSTM: with libtorch 2.7.1 on CPUs with AVX-512, the LSTM's inference
 * kernel (the one used when autograd is off) returns wrong outputs for hidden sizes {@code H}
 * with {@code ceil(H / 16)} odd (1 to 16, 33 to 48, ...), while the autograd path stays right.
 * Integrated gradients take their ends from the first and their gradients from the second, so at
 * {@code H = 4} the completeness gap stayed near 1e-2 however many steps were taken. {@code
 * org.spinj.temporal.models.RecurrentInferenceTest} checks the sizes the models use.
 */
final class SeededHybrid {

    /** Features per row. */
    static final int FEATURES = 16;

    private SeededHybrid() {}

    /**
     * @param manager owns the parameters
     * @param classes the number of classes
     * @param seed the engine's seed for the initialisers
     * @return the initialised network, input {@code [B, 16]}
     */
    static HybridCnnLstmAttention create(NDManager manager, int classes, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        HybridCnnLstmAttention net = new HybridCnnLstmAttention(FEATURES, classes,
                HybridCnnLstmAttention.DEFAULT_HIDDEN, HybridCnnLstmAttention.DEFAULT_HEADS);
        net.initialize(manager, DataType.FLOAT32, net.inputShapes(1));
        return net;
    }
}
