package org.vogstream.core.score;

import java.util.Locale;
import org.vogstream.core.compile.CompileTarget;

/**
 * Where to score: {@code cpu}, or {@code cuda} / {@code cuda:i}.
 *
 * @param cuda whether a CUDA device was asked for
 * @param index the CUDA device index
 */
public record DeviceSpec(boolean cuda, int index) {
    public static final DeviceSpec CPU = new DeviceSpec(false, 0);

    public static DeviceSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda") || t.equals("gpu")) {
            return new DeviceSpec(true, 0);
        }
        if (t.startsWith("cuda:")) {
            try {
                int i = Integer.parseInt(t.substring(5));
                if (i >= 0) {
                    return new DeviceSpec(true, i);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("device '" + text + "' is not one of cpu, cuda, cuda:<index>");
    }

    /** The form of the VoG graph to compile for this device: only ops with kernels on it. */
    public CompileTarget compileTarget() {
        return cuda ? CompileTarget.CUDA : CompileTarget.CPU;
    }

    @Override
    public String toString() {
        return cuda ? "cuda:" + index : "cpu";
    }
}
