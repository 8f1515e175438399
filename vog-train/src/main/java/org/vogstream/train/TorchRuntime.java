package org.vogstream.train;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

/** The PyTorch engine, offline: native libraries come from the Maven jars on the classpath, never a download. */
public final class TorchRuntime {
    private TorchRuntime() {}

    public static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("the PyTorch engine did not load: ai.djl.pytorch:pytorch-jni and"
                    + " pytorch-native-cpu (classifier linux-x86_64) must be on the classpath (" + e.getMessage() + ")", e);
        }
    }
}
