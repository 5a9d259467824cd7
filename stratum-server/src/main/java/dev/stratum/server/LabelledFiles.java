package dev.stratum.server;

import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Uploads of labelled files (CSV or JSON lines) as raw request bodies, streamed to the service under the import
 * size limit. The format comes from {@code ?format=} or else the Content-Type; columns from {@code ?text_col=} and
 * {@code ?label_col=}.
 */
final class LabelledFiles {
    private final long maxBytes;

    LabelledFiles(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Reads the options from the request, then hands the limited body stream to {@code action}. */
    <T> T stream(Context ctx, BiFunction<InputStream, ImportOptions, T> action) {
        ImportOptions options = options(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiProblem.tooLarge("the uploaded file (" + declared + " bytes)", maxBytes);
        }
        try (Bytes.LimitedInputStream in = new Bytes.LimitedInputStream(ctx.bodyInputStream(), maxBytes)) {
            try {
                T result = action.apply(in, options);
                if (in.exceeded()) {
                    throw ApiProblem.tooLarge("the uploaded file (rows before the limit may have been taken)", maxBytes);
                }
                return result;
            } catch (ApiProblem e) {
                throw e;
            } catch (RuntimeException e) {
                // Whatever the reader made of the failed read, the cause was the size limit.
                if (in.exceeded()) {
                    throw ApiProblem.tooLarge("the uploaded file", maxBytes);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new InvalidRequestException("unreadable_body", "the uploaded file could not be read; send it again", e);
        }
    }

    private static ImportOptions options(Context ctx) {
        ImportFormat format = format(ctx);
        return new ImportOptions(format, blankToNull(ctx.queryParam("text_col")), blankToNull(ctx.queryParam("label_col")),
                QueryParams.bool(ctx, "add_labels", false));
    }

    private static ImportFormat format(Context ctx) {
        String explicit = ctx.queryParam("format");
        if (explicit != null && !explicit.isBlank()) {
            return switch (explicit.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> ImportFormat.CSV;
                case "jsonl", "ndjson" -> ImportFormat.JSONL;
                case "lines", "txt" -> ImportFormat.LINES;
                default -> throw new InvalidRequestException("invalid_query_parameter", "query parameter 'format' is '"
                        + JsonBodies.shorten(explicit) + "'; use format=csv, format=jsonl or (unlabelled texts)"
                        + " format=lines");
            };
        }
        String contentType = ctx.contentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "text/csv", "application/csv" -> ImportFormat.CSV;
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
                    "application/jsonlines" -> ImportFormat.JSONL;
            case "text/plain" -> ImportFormat.LINES;
            default -> throw ApiProblem.unsupportedMediaType(JsonBodies.route(ctx),
                    "text/csv, application/x-ndjson or (unlabelled texts) text/plain (or add ?format=csv, ?format=jsonl"
                            + " or ?format=lines)", contentType);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
