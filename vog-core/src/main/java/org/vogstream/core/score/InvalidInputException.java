package org.vogstream.core.score;

/** An input the scorer refuses, with a message naming the example and what is wrong with it. */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
