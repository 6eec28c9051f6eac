/** spinj experiments module. */
package org.spinj.experiments;
