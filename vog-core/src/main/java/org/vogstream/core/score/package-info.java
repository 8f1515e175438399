/**
 * Scoring batches with a compiled VoG graph on DJL's ONNX Runtime engine (CPU, or CUDA by
 * configuration): model sets, devices, the thread-safe {@link org.vogstream.core.score.VogScorer}.
 */
package org.vogstream.core.score;
