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
 */
public record SpinConfig(
        int inputSize, int hiddenSize, int layers, int eta, int exogenousSize, int outputSize) {

    /** The paper's configuration: {@code C = 1, d = 32, L = 4, η = 3, U = 4}. */
    public static final SpinConfig DEFAULT = new SpinConfig(1, 32, 4, 3, 4, 1);

    /** Validates every field. */
    public SpinConfig {
        if (inputSize < 1 || hiddenSize < 1 || layers < 1 || eta < 0 || eta > layers
                || exogenousSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException(
                    "invalid SPIN config: " + "inputSize=" + inputSize + ", hiddenSize="
                            + hiddenSize + ", layers=" + layers + ", eta=" + eta
                            + ", exogenousSize=" + exogenousSize + ", outputSize=" + outputSize
                            + "; expected sizes >= 1 and 0 <= eta <= layers");
        }
    }

    /**
     * @param hidden a new {@code d}
     * @return this config with that hidden size
     */
    public SpinConfig withHiddenSize(int hidden) {
        return new SpinConfig(inputSize, hidden, layers, eta, exogenousSize, outputSize);
    }

    /**
     * @param newLayers a new {@code L}
     * @param newEta a new {@code η}
     * @return this config with those depths
     */
    public SpinConfig withLayers(int newLayers, int newEta) {
        return new SpinConfig(inputSize, hiddenSize, newLayers, newEta, exogenousSize, outputSize);
    }
}
