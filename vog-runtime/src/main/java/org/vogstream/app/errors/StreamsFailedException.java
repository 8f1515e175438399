package org.vogstream.app.errors;

/** Kafka Streams stopped itself (state ERROR) while the detector ran: the message says why. */
public class StreamsFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamsFailedException(String message) {
        super(message);
    }
}
