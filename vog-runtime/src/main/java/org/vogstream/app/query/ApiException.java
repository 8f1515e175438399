package org.vogstream.app.query;

/** A request the API answers with an error: its HTTP status and a one-line reason. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
