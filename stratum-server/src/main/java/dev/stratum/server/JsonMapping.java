package dev.stratum.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stratum.api.Layer;
import dev.stratum.api.TaskKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * The one JSON configuration of the API: snake_case names, ISO-8601 instants, unknown fields refused (a typo in a
 * field name would otherwise be ignored silently), and lower-case wire names for enums.
 */
final class JsonMapping {
    /** Deeper JSON than this is refused; no request of this API nests more than a few levels. */
    static final int MAX_NESTING_DEPTH = 64;

    private JsonMapping() {}

    static ObjectMapper newObjectMapper() {
        SimpleModule wireNames = new SimpleModule("stratum-wire-names");
        wireNames.addSerializer(TaskKind.class, lowerCase());
        wireNames.addKeySerializer(Layer.class, new JsonSerializer<Layer>() {
            @Override
            public void serialize(Layer value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeFieldName(value.wireName());
            }
        });
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .addModule(wireNames)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        return mapper;
    }

    private static <E extends Enum<E>> JsonSerializer<E> lowerCase() {
        return new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        };
    }

    /** Javalin's view of the mapper, for {@code ctx.json(...)}; request bodies are read by {@link JsonBodies}. */
    static io.javalin.json.JsonMapper forJavalin(ObjectMapper mapper) {
        return new io.javalin.json.JsonMapper() {
            @Override
            public String toJsonString(Object obj, Type type) {
                try {
                    return mapper.writeValueAsString(obj);
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException("could not write a response as JSON", e);
                }
            }
        };
    }
}
