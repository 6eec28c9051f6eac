package org.spinj.visualize.attention;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageSource;
import org.spinj.spin.ImputationModel;
import org.spinj.spin.ImputationNetwork;
import org.spinj.spin.train.WindowBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the attention weights of a model from one evaluation forward pass.
 *
 * <p>The model is an {@link ImputationModel} (SPIN or SPIN-H with its graph and parameter store;
 * {@link #extractWeights(WindowBatch)}) or any initialised DJL {@link Block} that is, or contains,
 * a {@link MessageSource} ({@link #extractWeights(ParameterStore, NDList)}). An {@link
 * AttentionRecorder} is registered on every source in the block tree for the length of a
 * try-with-resources scope, the model runs once and the records come back grouped per layer.
 * Nothing else is touched: no method is replaced, no parameter written, and the listeners are
 * removed before the call returns, so the model then computes bit-identical outputs at the cost
 * it had before.
 *
 * <pre>{@code
 * AttentionVisualizer viz = new AttentionVisualizer(model);         // an ImputationModel
 * AttentionWeights w = viz.extractWeights(batch);                   // a WindowBatch
 * AttentionMatrix a = w.temporalMatrix(0, 0, 3);                    // layer 0, sample 0, node 3
 * }</pre>
 *
 * <p><b>Evaluation mode only.</b> DJL has no training state on a block: a forward pass is in
 * training mode when it is called with {@code training = true}, and gradients are recorded while a
 * {@code GradientCollector} is open. The visualiser runs the pass itself, always with {@code
 * training = false} (no method takes a training flag, so no caller can ask for training mode),
 * and before the pass it checks that the calling thread records no gradients: the sum of an array
 * that requires a gradient with itself is a computed node of an autograd graph exactly when a
 * collector is open, and the engine then refuses to change its gradient flag; the extraction is
 * then refused with an {@link IllegalStateException}. (This observation is how the PyTorch engine
 * behaves; DJL has no query for the state.)
 *
 * <p><b>Temporal edges.</b> Each temporal record is checked against the {@link
 * TemporalEdgeRules} of the model ({@link TemporalEdgeRules#of(Block)} unless given): a record
 * whose edge index is not the one its layer is configured with is refused with a message naming
 * the layer, the rule and the first differing pair.
 *
 * <p>Memory: the inputs are attached to a child manager for the pass and returned to their own
 * manager afterwards, so every intermediate and output array of the pass is freed; the records
 * hold plain Java copies of the weights.
 */
public final class AttentionVisualizer {

    private static final Logger LOG = LoggerFactory.getLogger(AttentionVisualizer.class);

    private final Block block;
    private final ImputationModel model;
    private final TemporalEdgeRules rules;

    /**
     * Creates a visualiser for an imputation model, with the rules of its network.
     *
     * @param model a trained (or loaded) SPIN or SPIN-H model
     */
    public AttentionVisualizer(ImputationModel model) {
        this(model, TemporalEdgeRules.of(Objects.requireNonNull(model, "model").network()));
    }

    /**
     * Creates a visualiser for an imputation model with explicit temporal edge rules.
     *
     * @param model a trained (or loaded) SPIN or SPIN-H model
     * @param rules the rules every temporal record is checked against
     */
    public AttentionVisualizer(ImputationModel model, TemporalEdgeRules rules) {
        this(Objects.requireNonNull(model, "model").network(), model, rules);
    }

    /**
     * Creates a visualiser for a block, with the rules {@link TemporalEdgeRules#of(Block)} knows.
     *
     * @param block an initialised block that is, or contains, a {@link MessageSource}
     * @throws IllegalArgumentException if no block in the tree reports attention
     */
    public AttentionVisualizer(Block block) {
        this(block, null, TemporalEdgeRules.of(Objects.requireNonNull(block, "block")));
    }

    /**
     * Creates a visualiser for a block with explicit temporal edge rules.
     *
     * @param block an initialised block that is, or contains, a {@link MessageSource}
     * @param rules the rules every temporal record is checked against
     * @throws IllegalArgumentException if no block in the tree reports attention
     */
    public AttentionVisualizer(Block block, TemporalEdgeRules rules) {
        this(block, null, rules);
    }

    private AttentionVisualizer(Block block, ImputationModel model, TemporalEdgeRules rules) {
        this.block = Objects.requireNonNull(block, "block");
        this.model = model;
        this.rules = Objects.requireNonNull(rules, "rules");
        List<String> sources = new ArrayList<>();
        collectSources(block, "", sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(
                    "block " + block.getClass().getSimpleName()
                            + " has no attention layers: neither it nor any child implements "
                            + MessageSource.class.getSimpleName());
        }
    }

    private static void collectSources(Block b, String path, List<String> out) {
        if (b instanceof MessageSource) {
            out.add(path.isEmpty() ? b.getClass().getSimpleName() : path);
            return;
        }
        b.getChildren().forEach(pair -> collectSources(pair.getValue(), path + "/" + pair.getKey(),
                out));
    }

    /** @return the rules temporal records are checked against */
    public TemporalEdgeRules rules() {
        return rules;
    }

    /**
     * Runs the imputation model once on a batch of windows, in evaluation mode, and records every
     * layer's attention.
     *
     * @param batch the windows ({@code x, mask [B, T, N, C]}, {@code u [B, T, U]}); left
     *     unchanged
     * @return the weights grouped per layer, checked against the rules
     * @throws IllegalStateException if the visualiser was made from a bare block (use {@link
     *     #extractWeights(ParameterStore, NDList)}), or gradients are being recorded
     * @throws IllegalArgumentException if no layer reported attention, or a temporal record does
     *     not match its layer's rule
     */
    public AttentionWeights extractWeights(WindowBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (model == null) {
            throw new IllegalStateException(
                    "this visualiser was made from a block, which has no graph or parameter"
                            + " store of its own: use extractWeights(parameterStore, inputs), or"
                            + " make it from an ImputationModel");
        }
        ImputationNetwork network = model.network();
        NDList inputs = new NDList(batch.x(), batch.mask(), batch.u());
        return record(inputs, () -> network.forward(model.parameterStore(), batch.x(),
                batch.mask(), batch.u(), model.graph(), false));
    }

    /**
     * Runs the block once, in evaluation mode, and records every layer's attention.
     *
     * @param parameterStore the store the model is evaluated with, e.g. {@code new
     *     ParameterStore(model.getNDManager(), false)}
     * @param inputs the model's inputs, as its {@code forward} expects them; left unchanged
     * @return the weights grouped per layer, checked against the rules
     * @throws IllegalStateException if the block is not initialised, or gradients are being
     *     recorded
     * @throws IllegalArgumentException if no layer reported attention during the pass, or a
     *     temporal record does not match its layer's rule
     */
    public AttentionWeights extractWeights(ParameterStore parameterStore, NDList inputs) {
        Objects.requireNonNull(parameterStore, "parameterStore");
        Objects.requireNonNull(inputs, "inputs");
        return record(inputs, () -> block.forward(parameterStore, inputs, false));
    }

    @SuppressWarnings("try") // the registration is held only for the scope of the pass
    private AttentionWeights record(NDList inputs, Runnable evaluationPass) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one input array, got none");
        }
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    "block " + block.getClass().getSimpleName()
                            + " is not initialised; initialise it (or load the model) first");
        }
        NDManager owner = inputs.head().getManager();
        refuseGradientRecording(owner);
        AttentionRecorder recorder = new AttentionRecorder();
        try (ListenerRegistration reg = MessageSource.addToTree(block, recorder);
                NDManager pass = owner.newSubManager()) {
            inputs.tempAttach(pass);
            evaluationPass.run();
        }
        if (recorder.records().isEmpty()) {
            throw new IllegalArgumentException(
                    "block " + block.getClass().getSimpleName()
                            + " has no attention layers that reported during the forward pass:"
                            + " no MessageSource in its tree produced an AttentionRecord");
        }
        AttentionWeights weights = AttentionWeights.of(recorder.records(), rules);
        LOG.debug("extracted attention: {}", weights);
        return weights;
    }

    /**
     * Refuses to run while this thread records gradients (a {@code GradientCollector} is open):
     * the pass would then build an autograd graph over the model's parameters, as a training
     * step does. DJL has no query for this state, so it is observed: an array that requires a
     * gradient is added to itself, and the sum is a computed node of an autograd graph exactly
     * when gradients are recorded; the engine then refuses to change the sum's gradient flag
     * (PyTorch: "you can only change requires_grad flags of leaf variables").
     */
    private static void refuseGradientRecording(NDManager manager) {
        try (NDManager probe = manager.newSubManager()) {
            NDArray leaf = probe.zeros(new Shape(1));
            leaf.setRequiresGradient(true);
            NDArray sum = leaf.add(leaf);
            try {
                sum.setRequiresGradient(false);
            } catch (EngineException recorded) {
                throw new IllegalStateException(
                        "attention weights are extracted in evaluation mode only, but gradients"
                                + " are being recorded on this thread (a GradientCollector is"
                                + " open: a training step is in progress); close the collector"
                                + " first",
                        recorded);
            }
        }
    }
}
