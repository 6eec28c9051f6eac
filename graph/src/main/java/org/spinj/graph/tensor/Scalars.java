package org.spinj.graph.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Arithmetic between a tensor and a Java number that is safe inside a recorded (training) graph.
 *
 * <p><b>Why this exists.</b> DJL's PyTorch engine implements every {@code NDArray} method that
 * takes a {@link Number} ({@code mul(2f)}, {@code div(n)}, {@code minimum(0)}, {@code
 * maximum(0f)}, {@code pow(2)}, ...) by creating a scalar tensor from Java data and closing it
 * right after the op. On the CPU that scalar is created with {@code torch::from_blob} over a
 * direct {@code ByteBuffer}, without a copy, and only the Java object keeps the buffer alive.
 * Autograd saves the scalar for the backward pass of {@code mul}, {@code div}, {@code pow},
 * {@code minimum} and {@code maximum}; once the garbage collector frees the buffer, the backward
 * pass reads freed memory and silently returns wrong gradients (zeros, or values of another
 * array). Whether it happens depends on when the collector runs, so it shows up as rare,
 * unreproducible failures. {@code add} and {@code sub} save nothing and are safe.
 *
 * <p>Every method here makes the scalar a tensor whose memory torch owns (a copy of the Java
 * value), so autograd keeps it alive on its own and the Java handle can be closed at once:
 * nothing dangles and nothing accumulates on a manager.
 *
 * <p>Results follow DJL's rules: they belong to {@code x}'s manager and, for floating types, keep
 * {@code x}'s data type (a 0-dimensional operand never promotes a tensor of the same kind).
 */
public final class Scalars {

    private Scalars() {}

    /**
     * A 0-dimensional tensor holding {@code value} in {@code like}'s data type, on {@code like}'s
     * manager and device, in memory torch owns (safe to save for a backward pass).
     *
     * @param like the tensor whose manager, device and data type the scalar takes
     * @param value the value
     * @return a new scalar; the caller owns it (it is attached to {@code like}'s manager)
     */
    public static NDArray of(NDArray like, double value) {
        NDManager m = like.getManager();
        try (NDArray javaBacked = m.create(value)) {
            // both give new memory that torch owns: a same-type toType would alias the buffer
            return javaBacked.getDataType() == like.getDataType()
                    ? javaBacked.duplicate()
                    : javaBacked.toType(like.getDataType(), false);
        }
    }

    /** {@code op(x, scalar)}; the scalar's handle is closed, autograd keeps its own reference. */
    private static NDArray apply(NDArray x, double value,
            java.util.function.BinaryOperator<NDArray> op) {
        try (NDArray s = of(x, value)) {
            return op.apply(x, s);
        }
    }

    /**
     * {@code x * value}.
     *
     * @param x any tensor
     * @param value the factor
     * @return the product, on {@code x}'s manager
     */
    public static NDArray mul(NDArray x, double value) {
        return apply(x, value, NDArray::mul);
    }

    /**
     * {@code x / value}.
     *
     * @param x any tensor
     * @param value the divisor
     * @return the quotient, on {@code x}'s manager
     */
    public static NDArray div(NDArray x, double value) {
        return apply(x, value, NDArray::div);
    }

    /**
     * Element-wise {@code min(x, value)}.
     *
     * @param x any tensor
     * @param value the bound
     * @return the minimum, on {@code x}'s manager
     */
    public static NDArray minimum(NDArray x, double value) {
        return apply(x, value, NDArray::minimum);
    }

    /**
     * Element-wise {@code max(x, value)}.
     *
     * @param x any tensor
     * @param value the bound
     * @return the maximum, on {@code x}'s manager
     */
    public static NDArray maximum(NDArray x, double value) {
        return apply(x, value, NDArray::maximum);
    }

    /**
     * Element-wise {@code x ^ exponent}.
     *
     * @param x any tensor
     * @param exponent the exponent
     * @return the power, on {@code x}'s manager
     */
    public static NDArray pow(NDArray x, double exponent) {
        return apply(x, exponent, NDArray::pow);
    }
}
