package dev.stratum.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (requests it refuses before Javalin sees them: an unparseable URI, headers too large,
 * a bad Content-Length) in the API's error format instead of Jetty's HTML page.
 */
final class JettyErrorPages extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        String code;
        String text;
        if (status >= 500) {
            code = "internal_error";
            text = "the server failed to handle this request; retry, and report it if it keeps happening";
        } else {
            code = switch (status) {
                case 413 -> "body_too_large";
                case 414 -> "uri_too_long";
                case 431 -> "headers_too_large";
                default -> "bad_http_request";
            };
            String reason = message == null || message.isBlank() ? HttpStatus.getMessage(status) : message;
            text = "the HTTP request was refused before reaching the API: " + JsonBodies.shorten(reason)
                    + "; check the request line, the headers and their sizes";
        }
        String body = "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + escape(text) + "\"}}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
