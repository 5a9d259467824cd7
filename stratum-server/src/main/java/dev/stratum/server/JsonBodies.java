package dev.stratum.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.StratumException;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads JSON request bodies: checks the content type and the size limit, parses, and turns every parser complaint
 * into an {@link InvalidRequestException} whose message names the field and the fix.
 */
final class JsonBodies {
    private static final int MAX_MESSAGE_DETAIL = 300;
    private final ObjectMapper mapper;
    private final long maxBytes;

    JsonBodies(ObjectMapper mapper, long maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /** A JSON value as text: a string as it is, anything else as its JSON. */
    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The body as {@code type}; an empty body is an error. */
    <T> T read(Context ctx, Class<T> type) {
        return readOptional(ctx, type).orElseThrow(() -> new InvalidRequestException("empty_body",
                "the request body is empty; " + route(ctx) + " expects a JSON object (see GET /openapi.json)"));
    }

    /** The body as {@code type}, or empty when the request has no body at all. */
    <T> Optional<T> readOptional(Context ctx, Class<T> type) {
        byte[] bytes = readLimited(ctx);
        if (bytes.length == 0) {
            return Optional.empty();
        }
        requireJsonContentType(ctx);
        JsonNode tree;
        try {
            tree = mapper.readTree(bytes);
        } catch (IOException e) {
            throw malformed(e);
        }
        if (tree == null || tree.isMissingNode()) {
            return Optional.empty();
        }
        if (!tree.isObject()) {
            throw new InvalidRequestException("invalid_body", "the request body must be a JSON object, got "
                    + describe(tree) + "; " + route(ctx) + " is described at GET /openapi.json");
        }
        requireWholeCharacters(tree, "");
        try {
            return Optional.of(mapper.treeToValue(tree, type));
        } catch (JacksonException e) {
            throw invalid(e, tree);
        }
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiProblem.tooLarge("the request body (" + declared + " bytes)", maxBytes);
        }
        try (Bytes.LimitedInputStream in = new Bytes.LimitedInputStream(ctx.bodyInputStream(), maxBytes)) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                if (in.exceeded()) {
                    throw ApiProblem.tooLarge("the request body", maxBytes);
                }
                throw new InvalidRequestException("unreadable_body",
                        "the request body could not be read to its end (" + e.getMessage() + "); send it again", e);
            }
        } catch (IOException e) {
            throw new InvalidRequestException("unreadable_body", "the request body could not be read; send it again", e);
        }
    }

    private static void requireJsonContentType(Context ctx) {
        String contentType = ctx.contentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw ApiProblem.unsupportedMediaType(route(ctx), "application/json", contentType);
        }
    }

    /** "POST /v1/tasks/{task}/predict": the route template when one matched (no ids in logs), else the path. */
    static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return ctx.method().name() + " " + (matched == null ? shorten(ctx.path()) : matched.path);
    }

    /**
     * Refuses a string or field name holding half of a UTF-16 surrogate pair. JSON lets a client write one as a
     * {@code \\uD800} escape, but it is no character: the stores would keep it as '?', changing the text silently.
     */
    private static void requireWholeCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            requireWholeCharacters(node.textValue(), path.isEmpty() ? "the request body" : "field '" + path + "'");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWholeCharacters(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                String name = field.getKey();
                requireWholeCharacters(name, "a field name in " + (path.isEmpty() ? "the request body" : "'" + path + "'"));
                requireWholeCharacters(field.getValue(), path.isEmpty() ? name : path + "." + name);
            }
        }
    }

    private static void requireWholeCharacters(String s, String where) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException("invalid_unicode", where + " holds an unpaired UTF-16 surrogate ("
                        + String.format("\\u%04X", (int) c) + ") at position " + i + ", which is not a character and "
                        + "cannot be stored; send valid Unicode (a character above U+FFFF is a high surrogate followed "
                        + "by a low one)");
            }
        }
    }

    private static InvalidRequestException malformed(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return new InvalidRequestException("malformed_json", "the request body nests JSON deeper than "
                    + JsonMapping.MAX_NESTING_DEPTH + " levels; no request of this API needs more than a few", e);
        }
        if (e instanceof MismatchedInputException && e.getMessage().startsWith("Duplicate field")) {
            return new InvalidRequestException("duplicate_field", "the request body names a field twice ("
                    + shorten(((JacksonException) e).getOriginalMessage().split(" for ", 2)[0])
                    + "); send each field once", e);
        }
        String where = "";
        if (e instanceof JacksonException j && j.getLocation() != null && j.getLocation() != JsonLocation.NA) {
            where = " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        if (detail != null && detail.startsWith("Invalid UTF-8")) {
            return new InvalidRequestException("invalid_utf8", "the request body is not valid UTF-8" + where + ": "
                    + shorten(detail) + ". Send JSON encoded as UTF-8.", e);
        }
        return new InvalidRequestException("malformed_json", "the request body is not valid JSON" + where + ": "
                + shorten(detail) + ". Check quotes, commas and brackets there.", e);
    }

    private static StratumException invalid(JacksonException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException m ? m.getPath() : List.of();
        String field = fieldName(path);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestException invalid && !field.isEmpty()) {
                return new InvalidRequestException(invalid.code(), "in '" + field + "': " + invalid.getMessage(), invalid);
            }
            if (t instanceof StratumException s) {
                return s;
            }
        }
        String subject = field.isEmpty() ? "the request body" : "field '" + field + "'";
        if (e instanceof UnrecognizedPropertyException u) {
            return new InvalidRequestException("unknown_field", "unknown field '" + field + "' in the request body; "
                    + "known fields here: " + known(u.getKnownPropertyIds()) + ". Check the spelling (names are snake_case).");
        }
        if (e instanceof JsonMappingException m && m.getCause() != null && !(m.getCause() instanceof JacksonException)) {
            return new InvalidRequestException("invalid_field", subject + " is not valid: "
                    + shorten(m.getCause().getMessage()), e);
        }
        String expected = e instanceof MismatchedInputException mi ? expected(mi.getTargetType()) : "";
        if (!expected.isEmpty()) {
            JsonNode actual = tree.at(pointer(path));
            String got = actual.isMissingNode() ? "" : ", got " + describe(actual);
            return new InvalidRequestException("invalid_field", subject + " has the wrong type: expected " + expected
                    + got, e);
        }
        // Jackson's own words here are about values (a number out of range), not about Java types.
        return new InvalidRequestException("invalid_field", subject + " has an unusable value: "
                + shorten(e.getOriginalMessage()), e);
    }

    private static String fieldName(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                pointer = pointer.appendProperty(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                pointer = pointer.appendIndex(ref.getIndex());
            }
        }
        return pointer;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == TaskRoutes.LabelSpec.class) {
            return "a label name or an object {\"name\": ..., \"description\": ...}";
        }
        return "an object";
    }

    private static String known(Collection<Object> ids) {
        return ids == null || ids.isEmpty()
                ? "none"
                : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= MAX_MESSAGE_DETAIL ? oneLine : oneLine.substring(0, MAX_MESSAGE_DETAIL) + "...";
    }
}
