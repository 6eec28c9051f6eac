/** spinj temporal module. */
package org.spinj.temporal;
