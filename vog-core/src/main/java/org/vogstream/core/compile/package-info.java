/**
 * The VoG compiler: K forward ONNX checkpoints in, one ONNX graph out that computes all K forward
 * passes, their input gradients and the Variance of Gradients in a single run.
 */
package org.vogstream.core.compile;
