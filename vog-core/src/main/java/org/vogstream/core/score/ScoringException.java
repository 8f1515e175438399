package org.vogstream.core.score;

import org.vogstream.core.errors.UnusableInputException;

/** ONNX Runtime or DJL failed while loading or running a model; the cause is kept. */
public class ScoringException extends UnusableInputException {
    private static final long serialVersionUID = 1L;

    public ScoringException(String message, Throwable cause) {
        super(message, cause);
    }

    public ScoringException(String message) {
        super(message);
    }
}
