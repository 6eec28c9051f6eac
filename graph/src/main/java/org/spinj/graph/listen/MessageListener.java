package org.spinj.graph.listen;

/**
 * Observes the attention weights of message-passing layers. Listeners only observe: they cannot
 * change a layer's output. Register one with {@link MessageSource#addMessageListener} for the
 * length of a try-with-resources scope.
 */
@FunctionalInterface
public interface MessageListener {

    /**
     * Called once per reporting layer and forward pass, on the thread running the forward pass.
     *
     * @param record the layer's weights, already copied out of native memory
     */
    void onMessage(AttentionRecord record);
}
