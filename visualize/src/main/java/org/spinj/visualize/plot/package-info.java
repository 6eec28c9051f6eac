/**
 * JFreeChart plots rendered headless to PNG (written atomically): attention heatmaps, maps and
 * bands, imputation series, error breakdowns and training curves.
 */
package org.spinj.visualize.plot;
