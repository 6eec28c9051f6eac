package org.spinj.spin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.Map;
import org.spinj.graph.EdgeIndex;
import org.spinj.graph.listen.MessageSource;

/**
 * A graph imputation network trained by {@link org.spinj.spin.train.SpinTrainer}: SPIN or SPIN-H.
 * It reads scaled values, their mask and time features and returns one readout per layer; the
 * last readout is the imputation, every readout is trained (spin.md §1.8).
 */
public interface ImputationNetwork extends Block, MessageSource {

    /**
     * Runs the network.
     *
     * @param ps the parameter store
     * @param x scaled values {@code [B, T, N, C]}
     * @param mask 1 where a value is available as input, {@code [B, T, N, C]}
     * @param u time features {@code [B, T, U]}
     * @param edges the spatial graph over the {@code N} nodes
     * @param training whether gradients are recorded
     * @return the readouts {@code [B, T, N, C]}, the imputation last
     */
    NDList forward(
            ParameterStore ps, NDArray x, NDArray mask, NDArray u, EdgeIndex edges, boolean training);

    /** @return the number of nodes the network's embeddings were built for */
    int numNodes();

    /** @return the number of input channels {@code C} */
    int inputSize();

    /** @return the number of time-feature channels {@code U} */
    int exogenousSize();

    /**
     * @return the hyperparameters needed to rebuild the network, with a {@code "kind"} entry
     *     ({@code spin} or {@code spin-h}); {@link Networks#fromHyperparameters} inverts it
     */
    JsonObject hyperparameters();

    /** @return every parameter array by its stable logical name */
    Map<String, NDArray> logicalParameters();
}
