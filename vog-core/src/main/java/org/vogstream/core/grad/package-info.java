/**
 * Reverse-mode differentiation of forward ONNX graphs written with forward ONNX ops only: one
 * {@link org.vogstream.core.grad.GradientRule} per op family, driven by
 * {@link org.vogstream.core.grad.BackwardPass}.
 */
package org.vogstream.core.grad;
