package org.vogstream.core.compile;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.vogstream.core.onnx.InvalidModelException;

/**
 * The identity of a model set: the first 12 hex digits of the SHA-256 over its checkpoint files'
 * bytes, in order, each followed by the files that hold its weights as external data, if any
 * ({@link Checkpoint#files}: two versions that differ only in those get two ids). Class statistics
 * are keyed by it, so they never mix across model versions.
 */
public final class ModelSetId {
    /** Metadata key under which compiled graphs carry their model set. */
    public static final String METADATA_KEY = "vog.model_set";
    /** Metadata key listing the checkpoint file names a graph was compiled from. */
    public static final String CHECKPOINTS_KEY = "vog.checkpoints";

    private ModelSetId() {}

    /** The id of these files' bytes, in order. */
    public static String of(List<Path> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            digest(sha, buffer, file);
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /** The id a compiled graph carries in its metadata, if any. */
    public static Optional<String> in(ModelProto model) {
        return model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(METADATA_KEY))
                .map(p -> p.getValue()).findFirst();
    }

    private static void digest(MessageDigest sha, byte[] buffer, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InvalidModelException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
