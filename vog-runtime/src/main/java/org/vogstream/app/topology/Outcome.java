package org.vogstream.app.topology;

import org.vogstream.app.records.DeadLetter;

/**
 * What a processor made of a record: a value for the next step, or a dead letter. Processors
 * return outcomes; the topology branches them, so no processor writes to the dead-letter topic itself.
 */
sealed interface Outcome<T> {
    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(DeadLetter letter) {
        return new Rejected<>(letter);
    }

    record Accepted<T>(T value) implements Outcome<T> {}

    record Rejected<T>(DeadLetter letter) implements Outcome<T> {}
}
