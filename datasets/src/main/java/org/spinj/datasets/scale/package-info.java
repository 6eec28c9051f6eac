/** Per-channel scalers fitted on observed training entries. */
package org.spinj.datasets.scale;
