/**
 * Attention extraction and analysis: {@link org.spinj.visualize.attention.AttentionVisualizer}
 * records one evaluation pass, {@link org.spinj.visualize.attention.AttentionWeights} groups the
 * records per layer, and dense {@link org.spinj.visualize.attention.AttentionMatrix} values are
 * rebuilt from them with locality, symmetry and entropy statistics.
 */
package org.spinj.visualize.attention;
