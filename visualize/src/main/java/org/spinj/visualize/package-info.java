/**
 * spinj visualize module: attention visualisation ({@code attention}), plots ({@code plot}) and
 * HTML reports ({@code report}).
 */
package org.spinj.visualize;
