/**
 * The VoG compiler: K forward ONNX checkpoints in, one ONNX graph out that computes all K forward
 * passes, their input gradients, the Variance of Gradients and its pooled map in a single run.
 * {@link org.vogstream.core.compile.VogGraphContract} names the graph's inputs and outputs;
 * {@link org.vogstream.core.compile.VogMapGrid} says which pixels each map cell averages.
 */
package org.vogstream.core.compile;
