/**
 * Scoring batches with a compiled VoG graph on DJL's ONNX Runtime engine (CPU, or CUDA by
 * configuration): model sets, devices, the {@link org.vogstream.core.score.Scorer} interface and its
 * thread-safe ONNX implementation {@link org.vogstream.core.score.VogScorer}, batch scoring of example
 * files. Calibration is the detector's (vog-detect, {@code org.vogstream.detect.calibrate}).
 */
package org.vogstream.core.score;
