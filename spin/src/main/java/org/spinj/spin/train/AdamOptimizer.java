package org.spinj.spin.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.spinj.graph.tensor.Scalars;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's defaults and bias correction, written in NDArray ops
 * so that its state (first and second moments and the step count) can be saved in a checkpoint
 * and restored exactly — DJL's built-in Adam keeps that state private.
 *
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   w = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 *
 * <p>After each update the gradients are zeroed, so gradients accumulate over micro-batches
 * between two calls of {@link #step}. The optimizer owns a manager for its state; close it.
 */
public final class AdamOptimizer implements AutoCloseable {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final NDManager stateManager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    /**
     * Creates Adam with {@code beta1 = 0.9, beta2 = 0.999, eps = 1e-8}.
     *
     * @param parent the manager under which the optimizer's state lives (e.g. the model's)
     */
    public AdamOptimizer(NDManager parent) {
        this(parent, 0.9f, 0.999f, 1e-8f);
    }

    /**
     * @param parent the manager under which the optimizer's state lives
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the denominator, {@code > 0}
     */
    public AdamOptimizer(NDManager parent, float beta1, float beta2, float eps) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException(
                    "expected 0 <= beta1, beta2 < 1 and eps > 0, got beta1=" + beta1 + ", beta2="
                            + beta2 + ", eps=" + eps);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.stateManager = Objects.requireNonNull(parent, "parent").newSubManager();
    }

    /** @return the number of updates made so far */
    public long steps() {
        return steps;
    }

    /**
     * Updates every parameter of {@code block} that has a gradient, then zeroes the gradients.
     *
     * @param block the model
     * @param learningRate the step size
     * @param scratch a manager for temporaries (closed by the caller)
     */
    public void step(Block block, float learningRate, NDManager scratch) {
        steps++;
        float c1 = (float) (1 - Math.pow(beta1, steps));
        float c2 = (float) (1 - Math.pow(beta2, steps));
        try (NDManager tmp = scratch.newSubManager()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                if (!w.hasGradient()) {
                    continue;
                }
                NDArray g = w.getGradient();
                g.attach(tmp); // each getGradient() makes a new wrapper: free it with tmp
                String key = p.getKey();
                NDArray m = firstMoments.computeIfAbsent(key, k -> zerosLike(w));
                NDArray v = secondMoments.computeIfAbsent(key, k -> zerosLike(w));
                m.muli(beta1).addi(Scalars.mul(g, 1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                // results join their receiver's manager: keep the state's temporaries in tmp
                NDArray vHat = v.div(c2);
                vHat.attach(tmp);
                NDArray denom = vHat.sqrt();
                denom.attach(tmp);
                denom.addi(eps);
                NDArray update = m.div(denom);
                update.attach(tmp);
                w.subi(update.muli(learningRate / c1));
                g.subi(g);
            }
        }
    }

    private NDArray zerosLike(NDArray w) {
        NDArray z = stateManager.zeros(w.getShape(), w.getDataType(), w.getDevice());
        return z;
    }

    /**
     * The state to save in a checkpoint: {@code m/<param path>}, {@code v/<param path>} and
     * {@code steps} (a 1-element int64 array).
     *
     * @param scratch owner of the {@code steps} array
     * @return the state arrays by name (views on the live state; encode before changing it)
     */
    public Map<String, NDArray> state(NDManager scratch) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        firstMoments.forEach((k, a) -> out.put("m/" + k, a));
        secondMoments.forEach((k, a) -> out.put("v/" + k, a));
        out.put("steps", scratch.create(new long[] {steps}));
        return out;
    }

    /**
     * Restores state saved by {@link #state(NDManager)}.
     *
     * @param state the arrays by name
     * @throws IllegalArgumentException if {@code steps} is missing
     */
    public void load(Map<String, NDArray> state) {
        NDArray s = state.get("steps");
        if (s == null) {
            throw new IllegalArgumentException(
                    "optimizer state has no 'steps' entry; found " + state.keySet());
        }
        steps = s.toLongArray()[0];
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        for (Map.Entry<String, NDArray> e : state.entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.attach(stateManager);
            if (e.getKey().startsWith("m/")) {
                firstMoments.put(e.getKey().substring(2), copy);
            } else if (e.getKey().startsWith("v/")) {
                secondMoments.put(e.getKey().substring(2), copy);
            } else {
                copy.close();
            }
        }
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
