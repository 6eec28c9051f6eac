/** spinj visualize module. */
package org.spinj.visualize;
