/** Report output as PNG files: bar charts (drawn by XChart) and image grids. */
package org.vogstream.core.report;
