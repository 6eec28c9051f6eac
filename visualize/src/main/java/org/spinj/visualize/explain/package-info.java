/**
 * Explanations of the attention sequence models (seeds 000-003) with PNG plots: attention over a
 * signal, multi-head attention maps, Grad-CAM for 1-D convolutions, Kernel SHAP, Gradient SHAP and
 * integrated gradients. Explainers take the model as a function, so they work for any model.
 */
package org.spinj.visualize.explain;
