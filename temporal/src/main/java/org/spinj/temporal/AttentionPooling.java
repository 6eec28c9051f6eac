package org.spinj.temporal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.spinj.temporal.TemporalAdditiveAttention.Reweight;

/**
 * Attention pooling over time, {@code [B, T, C] -> [B, C]}: a small MLP scores every step
 * ({@code Linear(C -> hidden) -> ReLU -> Linear(hidden -> 1)}), a softmax over the steps turns
 * the scores into weights, and the output is the weighted sum of the steps. Masked steps get
 * weight 0; a fully masked sequence pools to 0. Forward returns {@code [pooled [B, C], weights
 * [B, T]]}. Linear layers use torch's default initialisation.
 */
public final class AttentionPooling extends AbstractBlock {

    private final int hidden;
    private final Parameter weight1;
    private final Parameter bias1;
    private final Parameter weight2;
    private final Parameter bias2;

    /**
     * Creates the block.
     *
     * @param hidden the width of the scoring MLP, {@code >= 1} (e.g. {@code C / 2})
     */
    public AttentionPooling(int hidden) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
        this.hidden = hidden;
        weight1 = addParameter(p("score_lin1_weight", Parameter.Type.WEIGHT));
        bias1 = addParameter(p("score_lin1_bias", Parameter.Type.BIAS));
        weight2 = addParameter(p("score_lin2_weight", Parameter.Type.WEIGHT));
        bias2 = addParameter(p("score_lin2_bias", Parameter.Type.BIAS));
    }

    private static Parameter p(String name, Parameter.Type type) {
        return Parameter.builder().setName(name).setType(type).build();
    }

    /** {@inheritDoc} */
    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes.length < 1 || inputShapes[0].dimension() != 3) {
            throw new IllegalArgumentException(
                    "expected x [B, T, C], got " + java.util.Arrays.toString(inputShapes));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        long c = inputShapes[0].get(2);
        XavierInitializer torchLinear = new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1f);
        weight1.setShape(new Shape(hidden, c));
        weight1.setInitializer(torchLinear);
        bias1.setShape(new Shape(hidden));
        bias1.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(c))));
        weight2.setShape(new Shape(1, hidden));
        weight2.setInitializer(torchLinear);
        bias2.setShape(new Shape(1));
        bias2.setInitializer(new UniformInitializer((float) (1 / Math.sqrt(hidden))));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(2)), new Shape(x.get(0), x.get(1))};
    }

    /**
     * {@inheritDoc}
     *
     * <p>Inputs: {@code x [B, T, C]} and optionally a step mask {@code [B, T]} (true/1 =
     * observed). Outputs: {@code pooled [B, C]}, {@code weights [B, T]}.
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0); // [B, T, C], mask [B, T] -> [B, C], [B, T]
        Shape s = x.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("expected x [B, T, C], got " + s);
        }
        NDArray valid;
        if (inputs.size() > 1) {
            NDArray mask = inputs.get(1);
            if (mask.getShape().size() != s.get(0) * s.get(1)) {
                throw new IllegalArgumentException(
                        "expected a step mask [B, T] = [" + s.get(0) + ", " + s.get(1) + "], got "
                                + mask.getShape());
            }
            valid = TemporalAdditiveAttention.observed(mask.reshape(s.get(0), s.get(1), 1), x)
                    .squeeze(-1); // [B, T]
        } else {
            valid = x.onesLike().get(":, :, 0");
        }
        var d = x.getDevice();
        NDArray h = Activation.relu(TemporalAdditiveAttention.linear(
                x, ps.getValue(weight1, d, training), ps.getValue(bias1, d, training)));
        NDArray score = TemporalAdditiveAttention.linear(
                h, ps.getValue(weight2, d, training), ps.getValue(bias2, d, training))
                .squeeze(-1); // [B, T]
        NDArray alpha = TemporalAdditiveAttention.normalize(score, valid, Reweight.SOFTMAX);
        NDArray pooled = alpha.expandDims(1).matMul(x).squeeze(1); // [B, C]
        return new NDList(pooled, alpha);
    }
}
