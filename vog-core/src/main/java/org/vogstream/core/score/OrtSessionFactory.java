package org.vogstream.core.score;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import org.vogstream.core.onnx.OrtRuntime;

/**
 * Session options for a {@link ScorerConfig}: thread count and spinning, and CUDA with TF32 off (gradients
 * must stay fp32). Asking for CUDA where the runtime has none fails here, never silently on CPU.
 */
final class OrtSessionFactory {
    private OrtSessionFactory() {}

    static OrtSession.SessionOptions options(ScorerConfig config) {
        OrtSession.SessionOptions options = OrtRuntime.sessionOptions();
        var providers = ai.onnxruntime.OrtEnvironment.getAvailableProviders();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // never 0: ONNX Runtime would count the machine's cores, not the ones this process may run on
            options.setIntraOpNumThreads(config.threads());
            options.addConfigEntry("session.intra_op.allow_spinning", config.spinWait() ? "1" : "0");
            if (config.device().cuda()) {
                if (!providers.contains(OrtProvider.CUDA)) {
                    throw new ScoringException("device " + config.device() + " requested, but this ONNX Runtime build"
                            + " offers only " + providers + "; build with -Pgpu (onnxruntime_gpu) on a host with CUDA 12"
                            + " and cuDNN 9, or use --device cpu");
                }
                try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(config.device().index())) {
                    cuda.add("use_tf32", "0");
                    options.addCUDA(cuda);
                }
            }
            return options;
        } catch (OrtException e) {
            options.close();
            throw new ScoringException("cannot configure ONNX Runtime for " + config.device() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
