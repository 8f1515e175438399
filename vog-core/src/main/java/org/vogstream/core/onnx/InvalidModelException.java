package org.vogstream.core.onnx;

import org.vogstream.core.errors.UnusableInputException;

/**
 * A model that cannot be read, understood or compiled. The message always names where the problem
 * is: the file, and the node name and op type when one node is at fault.
 */
public class InvalidModelException extends UnusableInputException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
