/**
 * Temporal building blocks of SPIN (Marisca et al. 2022): {@link
 * org.spinj.temporal.TemporalEdges} (allowed step pairs of a window), {@link
 * org.spinj.temporal.TemporalAdditiveAttention} (SPIN's message function, with a factored dense
 * fast path), {@link org.spinj.temporal.PositionalEncoding} (the sinusoidal table SPIN's models
 * add), {@link org.spinj.temporal.NodeEmbedding} (the learnable node tables SPIN's models own),
 * {@link org.spinj.temporal.AttentionPooling} and {@link
 * org.spinj.temporal.MultiHeadSelfAttention} (used by the classifiers of {@code
 * org.spinj.temporal.models}). SPIN's time features {@code u} are computed where its windows
 * are built, {@code org.spinj.datasets.window.TimeFeatures}.
 */
package org.spinj.temporal;
