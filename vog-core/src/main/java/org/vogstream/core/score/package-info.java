/**
 * Scoring batches with a compiled VoG graph on DJL's ONNX Runtime engine (CPU, or CUDA by
 * configuration): model sets, devices, the {@link org.vogstream.core.score.Scorer} interface and its
 * thread-safe ONNX implementation {@link org.vogstream.core.score.VogScorer}, calibration.
 */
package org.vogstream.core.score;
