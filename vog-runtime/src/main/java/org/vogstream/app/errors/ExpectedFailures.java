package org.vogstream.app.errors;

import java.io.IOException;
import org.apache.kafka.common.config.ConfigException;
import org.vogstream.app.kafka.BrokerUnavailableException;
import org.vogstream.core.onnx.InvalidModelException;
import org.vogstream.core.score.ScoringException;

/** Failures of what the user gave a {@code vog} command: a model, a file, a setting, a broker address. */
public final class ExpectedFailures {
    private ExpectedFailures() {}

    public static boolean test(Throwable e) {
        return e instanceof InvalidModelException || e instanceof IOException || e instanceof IllegalArgumentException
                || e instanceof ScoringException || e instanceof BrokerUnavailableException
                || e instanceof StreamsFailedException || e instanceof ConfigException;
    }
}
