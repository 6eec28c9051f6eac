/** spinj datasets module. */
package org.spinj.datasets;
