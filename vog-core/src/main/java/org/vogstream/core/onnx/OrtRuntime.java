package org.vogstream.core.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The one way into ONNX Runtime's environment. DJL's OnnxRuntime engine must initialise the
 * environment itself, before anyone calls {@link OrtEnvironment#getEnvironment()} directly, or
 * it fails later with "thread pool already exists".
 */
public final class OrtRuntime {
    private OrtRuntime() {}

    public static synchronized OrtEnvironment environment() {
        if (System.getProperty("ai.djl.offline") == null) {
            // models and native libraries come from the build; DJL must never reach for the network
            System.setProperty("ai.djl.offline", "true");
        }
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }

    /**
     * New session options that keep ONNX Runtime's own log lines, coloured and multi-line, off the
     * terminal: a failure reaches the user once, as the exception's message in one line.
     */
    public static OrtSession.SessionOptions sessionOptions() {
        environment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime refused its log level", e);
        }
        return options;
    }
}
