package org.vogstream.core.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Optional;

/** Builds attributes and reads them back from nodes. */
public final class Attributes {
    private Attributes() {}

    public static AttributeProto of(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    public static AttributeProto of(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT)
                .setF((float) value).build();
    }

    public static AttributeProto of(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    public static AttributeProto of(String name, long[] values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto of(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value).build();
    }

    public static Optional<AttributeProto> find(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static long getInt(NodeProto node, String name, long fallback) {
        return find(node, name).map(AttributeProto::getI).orElse(fallback);
    }

    public static float getFloat(NodeProto node, String name, float fallback) {
        return find(node, name).map(AttributeProto::getF).orElse(fallback);
    }

    public static String getString(NodeProto node, String name, String fallback) {
        return find(node, name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    public static Optional<long[]> getInts(NodeProto node, String name) {
        return find(node, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
    }

    /** A copy of {@code node} without the named attribute. */
    public static NodeProto.Builder without(NodeProto node, String name) {
        NodeProto.Builder b = node.toBuilder().clearAttribute();
        for (AttributeProto a : node.getAttributeList()) {
            if (!a.getName().equals(name)) {
                b.addAttribute(a);
            }
        }
        return b;
    }
}
