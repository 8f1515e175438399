/**
 * Architectures described once and turned both into DJL blocks (to train) and into ONNX forward
 * graphs (to export every epoch), so the two can never disagree on the layer order.
 */
package org.vogstream.train.model;
