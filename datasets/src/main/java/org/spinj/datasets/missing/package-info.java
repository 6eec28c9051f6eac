/** Synthetic missing-data injection with tsl semantics and a platform-independent seeded RNG. */
package org.spinj.datasets.missing;
