/** Report output: bar charts and image grids as PNG files. */
package org.vogstream.core.report;
