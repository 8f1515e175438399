/**
 * Reading, building, validating and writing ONNX models with the raw {@code ai.onnx.proto.OnnxMl}
 * protobuf classes: small helpers for names, attributes, constant tensors and opset conversion.
 */
package org.vogstream.core.onnx;
