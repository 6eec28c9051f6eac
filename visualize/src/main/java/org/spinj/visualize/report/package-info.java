/** Self-contained HTML run reports with embedded PNG figures, config and metrics tables. */
package org.spinj.visualize.report;
