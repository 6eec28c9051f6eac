package org.spinj.visualize.explain;

/** A model with one scalar output per input row and its gradient, for gradient explanations. */
public interface DifferentiableModel {

    /**
     * @param rows {@code [N][F]} inputs
     * @return {@code [N]} the explained output of each row
     */
    double[] outputs(float[][] rows);

    /**
     * @param rows {@code [N][F]} inputs
     * @return {@code [N][F]} the gradient of each row's output with respect to its input
     */
    double[][] gradients(float[][] rows);
}
