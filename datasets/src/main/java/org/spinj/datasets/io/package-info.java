/** Readers for wide CSV, AQI-36, pandas HDF5, NumPy and graph files; parse errors name file, line and column. */
package org.spinj.datasets.io;
