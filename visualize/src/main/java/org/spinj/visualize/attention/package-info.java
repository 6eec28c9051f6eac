/**
 * Attention extraction and analysis: {@link org.spinj.visualize.attention.AttentionVisualizer}
 * records one evaluation pass of a SPIN / SPIN-H model (or any block with message sources),
 * {@link org.spinj.visualize.attention.AttentionWeights} groups the records per layer after
 * checking them against the {@link org.spinj.visualize.attention.TemporalEdgeRules} the layers
 * are configured with, and dense {@link org.spinj.visualize.attention.AttentionMatrix} values are
 * rebuilt from them, summarised by {@link org.spinj.visualize.attention.AttentionStatistics}
 * (locality, symmetry, entropy).
 */
package org.spinj.visualize.attention;
