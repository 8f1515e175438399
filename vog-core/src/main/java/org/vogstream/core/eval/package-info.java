/** Evaluation statistics: rank correlation (and, with the experiments, OoD metrics and tests). */
package org.vogstream.core.eval;
