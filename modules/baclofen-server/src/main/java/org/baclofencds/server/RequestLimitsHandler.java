package org.baclofencds.server;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What every request must respect before a servlet sees it:
 *
 * <ul>
 *   <li>no {@code TRACE} or {@code TRACK} (405): they would echo {@code Authorization} and cookies back;
 *   <li>a charset the JVM knows (415), so no parser fails on it with a 500;
 *   <li>a body of at most {@link #MAX_BODY_BYTES} (413), received completely within {@link #BODY_TIMEOUT} (408).
 * </ul>
 *
 * The body is read without a thread (Jetty's asynchronous content API) and handed to the servlet whole, so slow
 * uploads hold connections but never the threads {@code /health} and every other request need.
 */
final class RequestLimitsHandler extends Handler.Wrapper {

    /** The largest request body accepted. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** How long a client has to send its whole body. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(20);

    RequestLimitsHandler(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String method = request.getMethod();
        if ("TRACE".equalsIgnoreCase(method) || "TRACK".equalsIgnoreCase(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        String charset = charset(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (charset != null && !supported(charset)) {
            Response.writeError(
                    request,
                    response,
                    callback,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    "Unsupported charset; send UTF-8");
            return true;
        }
        long length = request.getLength();
        boolean chunked = length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length == 0 || (length < 0 && !chunked)) {
            return super.handle(request, response, callback);
        }
        if (length > MAX_BODY_BYTES) {
            tooLarge(request, response, callback);
            return true;
        }
        readThenHandle(request, response, callback);
        return true;
    }

    private void readThenHandle(Request request, Response response, Callback callback) {
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<ByteBuffer> body = Content.Source.asByteBufferAsync(request, MAX_BODY_BYTES);
        Scheduler.Task timeout = request.getComponents()
                .getScheduler()
                .schedule(
                        () -> {
                            timedOut.set(true);
                            request.fail(new TimeoutException("request body not received in time"));
                        },
                        BODY_TIMEOUT.toMillis(),
                        TimeUnit.MILLISECONDS);
        body.whenComplete((buffer, failure) -> {
            timeout.cancel();
            if (failure != null) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                if (timedOut.get()) {
                    Response.writeError(
                            request,
                            response,
                            callback,
                            HttpStatus.REQUEST_TIMEOUT_408,
                            "The request body was not received within " + BODY_TIMEOUT.toSeconds() + " s");
                } else {
                    tooLarge(request, response, callback);
                }
                return;
            }
            try {
                if (!super.handle(new BufferedRequest(request, buffer), response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable t) {
                callback.failed(t);
            }
        });
    }

    private static void tooLarge(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Response.writeError(
                request,
                response,
                callback,
                HttpStatus.PAYLOAD_TOO_LARGE_413,
                "The request body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
    }

    /** The {@code charset} parameter of a Content-Type, or null. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if ("charset".equalsIgnoreCase(kv[0].strip())) {
                return kv.length < 2 ? "" : kv[1].strip().replace("\"", "");
            }
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return !charset.isEmpty() && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }

    /** The request with its body already received: one last chunk. */
    private static final class BufferedRequest extends Request.Wrapper {
        private final AtomicReference<Content.Chunk> next;
        private final long length;

        BufferedRequest(Request request, ByteBuffer body) {
            super(request);
            this.length = body.remaining();
            this.next = new AtomicReference<>(Content.Chunk.from(body, true));
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public Content.Chunk read() {
            return next.getAndSet(Content.Chunk.EOF);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            next.set(Content.Chunk.EOF);
            return true;
        }
    }
}
