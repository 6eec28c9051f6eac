/**
 * Temporal building blocks of SPIN (Marisca et al. 2022): {@link
 * org.spinj.temporal.TemporalEdges} (allowed step pairs of a window), {@link
 * org.spinj.temporal.TemporalAdditiveAttention} (SPIN's message function, with a factored dense
 * fast path), {@link org.spinj.temporal.PositionalEncoding}, {@link
 * org.spinj.temporal.TimeFeatures}, {@link org.spinj.temporal.NodeEmbedding}, {@link
 * org.spinj.temporal.AttentionPooling} and {@link org.spinj.temporal.MultiHeadSelfAttention}.
 */
package org.spinj.temporal;
