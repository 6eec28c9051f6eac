package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Vaswani's sinusoidal positional table {@code [T, d]} over window positions (tsl's {@code
 * PositionalEncoding}): {@code PE[t, 2i] = sin(t / 10000^(2i/d))}, {@code PE[t, 2i+1] = cos(...)}.
 */
final class SinusoidalTable {

    private SinusoidalTable() {}

    /**
     * @param manager owner of the table
     * @param steps {@code T}
     * @param d channels
     * @param type data type
     * @return {@code [T, d]}
     */
    static NDArray of(NDManager manager, long steps, long d, DataType type) {
        float[] pe = new float[(int) (steps * d)];
        for (int pos = 0; pos < steps; pos++) {
            for (int i = 0; i < d; i += 2) {
                double div = Math.exp(-Math.log(10000.0) * i / d);
                pe[(int) (pos * d + i)] = (float) Math.sin(pos * div);
                if (i + 1 < d) {
                    pe[(int) (pos * d + i + 1)] = (float) Math.cos(pos * div);
                }
            }
        }
        NDArray table = manager.create(pe, new Shape(steps, d));
        return type == DataType.FLOAT32 ? table : table.toType(type, false);
    }
}
