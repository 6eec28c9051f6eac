package org.spinj.spin;

/**
 * SPIN's hyperparameters (spin.md §1.1, {@code config/imputation/spin.yaml}).
 *
 * @param inputSize channels of {@code x} ({@code C}, 1 in every benchmark)
 * @param hiddenSize {@code d}
 * @param layers {@code L}
 * @param eta {@code η}, the first layer of phase two ({@code 0 <= η <= L})
 * @param exogenousSize channels of the time features {@code u} (4: day and week sin/cos)
 * @param outputSize channels of the readout
 * @param temporalReach {@code 0}: a step attends to every step of its neighbours in the window
 *     (the paper); {@code r >= 1}: only to its neighbours' steps at most {@code r} away (the same
 *     step included) in the spatial cross-attention, at {@code (2r + 1) / T} of its pair cost;
 *     the temporal self-attention over the node's own steps spans the window unless {@code
 *     selfReach} limits it. A spinj option, not the paper's configuration.
 * @param selfReach {@code 0}: the temporal self-attention of every layer spans the window (the
 *     paper); {@code r >= 1}: in the layers below {@code η} a step attends only to its node's
 *     steps at most {@code r} away, while the layers from {@code η} up still span the window, so a
 *     step in a long gap (a network-wide outage) is reached from its node's values further away
 *     there. A spinj option, not the paper's configuration.
 */
public record SpinConfig(
        int inputSize, int hiddenSize, int layers, int eta, int exogenousSize, int outputSize,
        int temporalReach, int selfReach) {

    /** The paper's configuration: {@code C = 1, d = 32, L = 4, η = 3, U = 4}. */
    public static final SpinConfig DEFAULT = new SpinConfig(1, 32, 4, 3, 4, 1, 0, 0);

    /** Validates every field. */
    public SpinConfig {
        if (inputSize < 1 || hiddenSize < 1 || layers < 1 || eta < 0 || eta > layers
                || exogenousSize < 1 || outputSize < 1 || temporalReach < 0 || selfReach < 0) {
            throw new IllegalArgumentException(
                    "invalid SPIN config: " + "inputSize=" + inputSize + ", hiddenSize="
                            + hiddenSize + ", layers=" + layers + ", eta=" + eta
                            + ", exogenousSize=" + exogenousSize + ", outputSize=" + outputSize
                            + ", temporalReach=" + temporalReach + ", selfReach=" + selfReach
                            + "; expected sizes >= 1, 0 <= eta <= layers and reaches >= 0");
        }
    }

    /**
     * A config whose self-attention spans the window in every layer ({@code selfReach = 0}).
     *
     * @param inputSize {@code C}
     * @param hiddenSize {@code d}
     * @param layers {@code L}
     * @param eta {@code η}
     * @param exogenousSize {@code U}
     * @param outputSize readout channels
     * @param temporalReach the cross-attention's reach ({@code 0}: every step)
     */
    public SpinConfig(int inputSize, int hiddenSize, int layers, int eta, int exogenousSize,
            int outputSize, int temporalReach) {
        this(inputSize, hiddenSize, layers, eta, exogenousSize, outputSize, temporalReach, 0);
    }

    /**
     * The paper's attention over the whole window ({@code temporalReach = 0}).
     *
     * @param inputSize {@code C}
     * @param hiddenSize {@code d}
     * @param layers {@code L}
     * @param eta {@code η}
     * @param exogenousSize {@code U}
     * @param outputSize readout channels
     */
    public SpinConfig(
            int inputSize, int hiddenSize, int layers, int eta, int exogenousSize, int outputSize) {
        this(inputSize, hiddenSize, layers, eta, exogenousSize, outputSize, 0, 0);
    }

    /**
     * @param hidden a new {@code d}
     * @return this config with that hidden size
     */
    public SpinConfig withHiddenSize(int hidden) {
        return new SpinConfig(inputSize, hidden, layers, eta, exogenousSize, outputSize,
                temporalReach, selfReach);
    }

    /**
     * @param newLayers a new {@code L}
     * @param newEta a new {@code η}
     * @return this config with those depths
     */
    public SpinConfig withLayers(int newLayers, int newEta) {
        return new SpinConfig(inputSize, hiddenSize, newLayers, newEta, exogenousSize, outputSize,
                temporalReach, selfReach);
    }

    /**
     * @param reach {@code 0} (every step, the paper) or the largest step distance {@code >= 1}
     * @return this config with that temporal reach
     */
    public SpinConfig withTemporalReach(int reach) {
        return new SpinConfig(inputSize, hiddenSize, layers, eta, exogenousSize, outputSize,
                reach, selfReach);
    }

    /**
     * @param reach {@code 0} (every step in every layer, the paper) or the largest step distance
     *     {@code >= 1} of the self-attention in the layers below {@code η}
     * @return this config with that self-attention reach
     */
    public SpinConfig withSelfReach(int reach) {
        return new SpinConfig(inputSize, hiddenSize, layers, eta, exogenousSize, outputSize,
                temporalReach, reach);
    }
}
