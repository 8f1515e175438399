/** The paper's experiments, each one command writing its report. */
package org.vogstream.train.experiments;
