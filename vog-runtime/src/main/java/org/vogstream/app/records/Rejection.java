package org.vogstream.app.records;

import java.util.Optional;

/**
 * Why a record could not be used, with the exception behind it when there was one.
 *
 * @param code the dead-letter code
 * @param message what is wrong, and where
 * @param model the model the record was for, when known
 * @param cause the exception that refused it, empty for a plain validation failure
 */
public record Rejection(ErrorCode code, String message, Optional<String> model, Optional<Throwable> cause) {
    public static Rejection of(ErrorCode code, String message) {
        return new Rejection(code, message, Optional.empty(), Optional.empty());
    }

    public static Rejection of(ErrorCode code, String message, String model, Throwable cause) {
        return new Rejection(code, message, Optional.ofNullable(model), Optional.ofNullable(cause));
    }
}
