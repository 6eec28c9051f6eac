package org.spinj.visualize.attention;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spinj.graph.listen.AttentionRecorder;
import org.spinj.graph.listen.ListenerRegistration;
import org.spinj.graph.listen.MessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the attention weights of a model from one evaluation forward pass.
 *
 * <p>The model is any initialised DJL {@link Block} that is, or contains, a {@link
 * MessageSource} (SPIN is one). {@link #extractWeights(ParameterStore, NDList)} registers an
 * {@link AttentionRecorder} on every source in the block tree for the length of a
 * try-with-resources scope, runs {@code block.forward(parameterStore, inputs, false)} once and
 * returns the records grouped per layer. Nothing else is touched: no method is replaced, no
 * parameter written, and the listeners are removed before the call returns, so the model then
 * computes bit-identical outputs at the cost it had before.
 *
 * <pre>{@code
 * AttentionVisualizer viz = new AttentionVisualizer(model.getBlock());
 * ParameterStore ps = new ParameterStore(model.getNDManager(), false);
 * AttentionWeights w = viz.extractWeights(ps, new NDList(x, mask)); // x, mask: [B, T, N, C]
 * AttentionMatrix a = w.temporalMatrix(0, 0, 3);                    // layer 0, sample 0, node 3
 * }</pre>
 *
 * <p>Memory: the inputs are attached to a child manager for the pass and returned to their own
 * manager afterwards, so every intermediate and output array of the pass is freed; the records
 * hold plain Java copies of the weights.
 */
public final class AttentionVisualizer {

    private static final Logger LOG = LoggerFactory.getLogger(AttentionVisualizer.class);

    private final Block block;

    /**
     * Creates a visualiser for a model.
     *
     * @param block an initialised block that is, or contains, a {@link MessageSource}
     * @throws IllegalArgumentException if no block in the tree reports attention
     */
    public AttentionVisualizer(Block block) {
        this.block = Objects.requireNonNull(block, "block");
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

    /**
     * Runs one evaluation forward pass and records every layer's attention.
     *
     * @param parameterStore the store the model is evaluated with, e.g. {@code new
     *     ParameterStore(model.getNDManager(), false)}
     * @param inputs the model's inputs, as its {@code forward} expects them; left unchanged
     * @return the weights grouped per layer
     * @throws IllegalStateException if the block is not initialised
     * @throws IllegalArgumentException if no layer reported attention during the pass
     */
    public AttentionWeights extractWeights(ParameterStore parameterStore, NDList inputs) {
        return extractWeights(parameterStore, inputs, false);
    }

    /**
     * As {@link #extractWeights(ParameterStore, NDList)}, for call sites that carry a training
     * flag: attention maps are only meaningful in evaluation mode (dropout off, no gradient
     * bookkeeping), so {@code training = true} is refused.
     *
     * @param parameterStore the store the model is evaluated with
     * @param inputs the model's inputs
     * @param training must be {@code false}
     * @return the weights grouped per layer
     * @throws IllegalArgumentException if {@code training} is true or no layer reported
     */
    @SuppressWarnings("try") // the registration is held only for the scope of the pass
    public AttentionWeights extractWeights(
            ParameterStore parameterStore, NDList inputs, boolean training) {
        Objects.requireNonNull(parameterStore, "parameterStore");
        Objects.requireNonNull(inputs, "inputs");
        if (training) {
            throw new IllegalArgumentException(
                    "attention weights are extracted in evaluation mode only (training=false):"
                            + " training mode applies dropout and records gradients, which would"
                            + " change the weights and the model's state; got training=true");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("expected at least one input array, got none");
        }
        if (!block.isInitialized()) {
            throw new IllegalStateException(
                    "block " + block.getClass().getSimpleName()
                            + " is not initialised; initialise it (or load the model) first");
        }
        AttentionRecorder recorder = new AttentionRecorder();
        try (ListenerRegistration reg = MessageSource.addToTree(block, recorder);
                NDManager pass = inputs.head().getManager().newSubManager()) {
            inputs.tempAttach(pass);
            block.forward(parameterStore, inputs, false);
        }
        if (recorder.records().isEmpty()) {
            throw new IllegalArgumentException(
                    "block " + block.getClass().getSimpleName()
                            + " has no attention layers that reported during the forward pass:"
                            + " no MessageSource in its tree produced an AttentionRecord");
        }
        AttentionWeights weights = AttentionWeights.of(recorder.records());
        LOG.debug("extracted attention: {}", weights);
        return weights;
    }
}
