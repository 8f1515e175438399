package org.vogstream.core.errors;

/**
 * A command's input it cannot use — a model, a broker address — rather than a bug: every command
 * line counts it among its expected failures, printed as one line with exit code
 * {@value ErrorLines#INVALID_INPUT}. A kind of failure extends it to be reported so everywhere.
 */
public abstract class UnusableInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected UnusableInputException(String message) {
        super(message);
    }

    protected UnusableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
