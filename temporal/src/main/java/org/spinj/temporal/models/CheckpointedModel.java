package org.spinj.temporal.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * A model block that can be rebuilt from its hyperparameters alone, so a {@link ModelCheckpoint}
 * can load it without the caller knowing them.
 */
public interface CheckpointedModel extends Block {

    /** @return the model kind written to checkpoints, e.g. {@code "attention-anomaly-detector"} */
    String kind();

    /** @return the hyperparameters, enough to rebuild an identical untrained block */
    Map<String, String> hyperparameters();

    /**
     * @param batch the batch size {@code B}
     * @return the shapes of the inputs for a batch of {@code B} samples
     */
    Shape[] inputShapes(long batch);
}
