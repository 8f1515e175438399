/** Evaluation statistics: rank correlation, the spread over runs (and, with the experiments, OoD metrics and tests). */
package org.vogstream.core.eval;
