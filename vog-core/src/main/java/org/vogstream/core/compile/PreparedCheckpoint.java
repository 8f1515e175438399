package org.vogstream.core.compile;

import org.vogstream.core.grad.ForwardGraph;

/**
 * A checkpoint ready to be fused: upgraded, pruned to its logits, renamed under its own prefix
 * (its input renamed to the shared {@code input}), with every tensor's shape measured.
 *
 * @param forward the forward graph
 * @param logits name of the (renamed) logits tensor, shape [N, classes]
 * @param choice which tensor of the exported graph holds the logits, and why
 * @param classes number of classes
 * @param exampleDims the input shape without the batch dimension
 * @param elementType the input's floating element type
 * @param layout where the input's channel axis is
 */
record PreparedCheckpoint(ForwardGraph forward, String logits, LogitsChoice choice, int classes, long[] exampleDims, int elementType,
        InputLayout layout) {}
