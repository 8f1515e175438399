package org.vogstream.app.topology;

import java.util.Optional;
import org.vogstream.app.records.PendingScore;
import org.vogstream.detect.decide.Detector;

/**
 * A scored event with the detector's statistics of it, computed with its micro-batch (a batch's
 * examples of one class are scored against their reference together), before the threshold decision.
 *
 * @param event the event as its model set scored it
 * @param assessment what the class statistics make of it; empty when its model set has none
 */
record AssessedScore(PendingScore event, Optional<Detector.Assessment> assessment) {}
