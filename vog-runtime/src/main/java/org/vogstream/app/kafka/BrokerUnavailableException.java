package org.vogstream.app.kafka;

import org.vogstream.core.errors.UnusableInputException;

/** No Kafka broker answered, or none could be found: the message names the addresses and where they were set. */
public class BrokerUnavailableException extends UnusableInputException {
    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message) {
        super(message);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
