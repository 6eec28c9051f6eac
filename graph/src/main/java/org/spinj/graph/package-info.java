/** spinj graph module. */
package org.spinj.graph;
