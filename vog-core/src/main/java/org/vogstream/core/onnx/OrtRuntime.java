package org.vogstream.core.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

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
}
