/** Seeded synthetic datasets: a traffic network and sine waves with anomalies. */
package org.spinj.datasets.synthetic;
