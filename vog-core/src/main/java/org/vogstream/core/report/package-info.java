/** Report charts as PNG files, drawn by XChart (optional: the runtime goes without); image grids are vog-detect's heatmap package. */
package org.vogstream.core.report;
