package org.vogstream.app.errors;

import java.io.IOException;
import org.apache.kafka.common.config.ConfigException;
import org.vogstream.core.errors.UnusableInputException;

/** Failures of what the user gave a {@code vog} command: a model, a file, a setting, a broker address. */
public final class ExpectedFailures {
    private ExpectedFailures() {}

    public static boolean test(Throwable e) {
        return e instanceof UnusableInputException || e instanceof IOException || e instanceof IllegalArgumentException
                || e instanceof StreamsFailedException || e instanceof ConfigException;
    }
}
