/** Window splits: chronological (traffic) and test-month (AQI) protocols. */
package org.spinj.datasets.split;
