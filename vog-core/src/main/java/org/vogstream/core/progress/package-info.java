/** Progress of long command-line jobs (scoring, calibration, training) on standard error. */
package org.vogstream.core.progress;
