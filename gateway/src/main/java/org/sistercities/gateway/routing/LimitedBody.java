package org.sistercities.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Passes a request body of unknown length (chunked) through while counting it, and fails the stream once it
 * exceeds the limit, which aborts the upstream request. Bodies with a Content-Length are checked before
 * forwarding and never need this.
 */
final class LimitedBody implements ReadStream<Buffer> {

    /** The failure a too-large body ends with. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("Request body exceeds " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Runnable onTooLarge;
    private long seen;
    private boolean failed;
    private Handler<Throwable> exceptionHandler;
    private Handler<Buffer> dataHandler;

    /** @param onTooLarge told before the stream fails, so the caller can answer 413 rather than a generic failure */
    LimitedBody(ReadStream<Buffer> source, long limit, Runnable onTooLarge) {
        this.source = source;
        this.limit = limit;
        this.onTooLarge = onTooLarge;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.dataHandler = handler;
        if (handler == null) {
            source.handler(null);
        } else {
            source.handler(this::onData);
        }
        return this;
    }

    private void onData(Buffer chunk) {
        if (failed) {
            return;
        }
        seen += chunk.length();
        if (seen > limit) {
            failed = true;
            onTooLarge.run();
            if (exceptionHandler != null) {
                exceptionHandler.handle(new TooLarge(limit));
            }
            return;
        }
        dataHandler.handle(chunk);
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!failed) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
