/** spinj spin module. */
package org.spinj.spin;
