/** Windows, the DJL imputation dataset, time features and reconstruction from overlapping windows. */
package org.spinj.datasets.window;
