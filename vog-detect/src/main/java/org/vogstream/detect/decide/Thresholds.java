package org.vogstream.detect.decide;

import java.util.Optional;

/** The threshold settings in force, by scope key ({@code *}, {@code model=NAME}, {@code model=NAME/class=C}). */
@FunctionalInterface
public interface Thresholds {
    /** No scope configured: the defaults decide everywhere. */
    Thresholds NONE = key -> Optional.empty();

    Optional<ThresholdSetting> at(String scopeKey);
}
