package org.spinj.visualize.report;

/** One element of a report's body, in page order: a figure or a table. */
public sealed interface ReportItem permits ReportFigure, ReportTable {

    /** @return the caption shown with the item */
    String caption();
}
