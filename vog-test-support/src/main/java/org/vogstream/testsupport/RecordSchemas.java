package org.vogstream.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The JSON Schemas of schemas/, as draft 2020-12, for asserting that records match their contract. */
public final class RecordSchemas {
    public static final Path DIR = Path.of("..", "schemas");
    private static final Map<String, JsonSchema> CACHE = new HashMap<>();
    private static JsonSchemaFactory factory;

    private RecordSchemas() {}

    private static synchronized JsonSchemaFactory factory() {
        if (factory == null) {
            Map<String, String> byId = new HashMap<>();
            try (var files = Files.list(DIR)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
                    String name = f.getFileName().toString().replace(".schema.json", "");
                    byId.put("urn:vogstream:schema:" + name, Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    b -> b.schemaLoaders(loaders -> loaders.schemas(byId)));
        }
        return factory;
    }

    public static synchronized JsonSchema schema(String name) {
        return CACHE.computeIfAbsent(name,
                n -> factory().getSchema(SchemaLocation.of("urn:vogstream:schema:" + n)));
    }

    public static Set<ValidationMessage> errors(String name, JsonNode record) {
        return schema(name).validate(record);
    }

    public static void assertValid(String name, JsonNode record) {
        Set<ValidationMessage> errors = errors(name, record);
        assertTrue(errors.isEmpty(), name + " record " + record + " violates its schema: " + errors);
    }
}
