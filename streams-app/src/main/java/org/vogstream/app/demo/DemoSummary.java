package org.vogstream.app.demo;

import java.util.Locale;
import java.util.Map;

/**
 * What the demo saw.
 *
 * @param sent events produced
 * @param scored scored records read back
 * @param alerts alerts read back
 * @param deadLetters dead letters read back
 * @param scoredIn scored in-distribution (clean) events
 * @param alertsIn alerts on them
 * @param scoredOut scored out-of-distribution (corrupted, noise) events
 * @param alertsOut alerts on them
 * @param byKind scored and alerted counts per kind of traffic
 * @param seconds time since traffic started
 */
public record DemoSummary(long sent, long scored, long alerts, long deadLetters, long scoredIn, long alertsIn,
        long scoredOut, long alertsOut, Map<TrafficKind, long[]> byKind, double seconds) {
    public double alertRateIn() {
        return scoredIn == 0 ? 0 : (double) alertsIn / scoredIn;
    }

    public double alertRateOut() {
        return scoredOut == 0 ? 0 : (double) alertsOut / scoredOut;
    }

    public double eventsPerSecond() {
        return seconds <= 0 ? 0 : scored / seconds;
    }

    public String line() {
        return String.format(Locale.ROOT, "%6.1f s  sent %d  scored %d  alerts %d  dead letters %d  |  alert rate:"
                + " in-distribution %.1f%%, out-of-distribution %.1f%%  |  %.0f events/s", seconds, sent, scored, alerts,
                deadLetters, 100 * alertRateIn(), 100 * alertRateOut(), eventsPerSecond());
    }

    public String byKindTable() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %8s %8s%n", "traffic", "scored", "alerts", "rate"));
        byKind.forEach((kind, counts) -> {
            if (kind != TrafficKind.MALFORMED) {
                b.append(String.format(Locale.ROOT, "%-16s %8d %8d %7.1f%%%n", kind.name().toLowerCase(Locale.ROOT),
                        counts[0], counts[1], counts[0] == 0 ? 0 : 100.0 * counts[1] / counts[0]));
            }
        });
        return b.toString();
    }
}
