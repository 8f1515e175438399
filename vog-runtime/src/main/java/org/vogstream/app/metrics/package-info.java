/** The application's Micrometer meters. */
package org.vogstream.app.metrics;
