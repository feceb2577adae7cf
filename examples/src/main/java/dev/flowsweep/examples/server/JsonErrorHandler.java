package dev.flowsweep.examples.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers Jetty gives by itself — a request it cannot parse (400, 431 for a head over 8 KiB, 414), a request
 * refused while the server stops (503) — in the server's shape: {@code {"detail": …, "request_id": …}}, never an
 * HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ServerJson json;

    JsonErrorHandler(ServerJson json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String id = response.getHeaders().get(RequestIds.HEADER);
        if (id == null) {
            id = RequestIds.of(request.getHeaders().getValuesList(RequestIds.HEADER));
            response.getHeaders().put(RequestIds.HEADER, id);
        }
        byte[] bytes = body(code, message, id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = RequestIds.generate();
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(RequestIds.HEADER, id);
        return ByteBuffer.wrap(body(status, reason, id));
    }

    private byte[] body(int code, String message, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", message == null || message.isBlank() ? HttpStatus.getMessage(code) : message);
        body.put("request_id", id);
        return json.write(body);
    }
}
