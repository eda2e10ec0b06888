package dev.agentingress.emulator.api.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.agentingress.emulator.api.AsyncHandoff;
import dev.agentingress.emulator.api.PathKind;
import dev.agentingress.emulator.api.error.BodyTooLargeException;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.api.error.NgrokException;

/**
 * Reads each request body without holding a request thread while it arrives: the request is parked
 * ({@link AsyncHandoff}) while Tomcat's poller collects the body, and dispatched again with the whole body in memory.
 * A body that takes longer than {@code timeout} is answered 408, so a client that trickles its body (or stops
 * sending it) costs the server a connection and at most the 1 MiB body cap, never one of the threads every other
 * account needs. A body that arrived whole with its headers goes straight on ({@link ArrivedBodyValve}), and so does
 * every body where no Tomcat runs (MockMvc).
 * <p>
 * The body is read through the request the API filter hands on, so its size cap and the journal's copy both see it.
 */
class BodyReadingFilter extends OncePerRequestFilter {

    private static final String BODY = BodyReadingFilter.class.getName() + ".body";

    /**
     * What the bodies of all parked requests may hold together: without a bound, a thousand connections that each
     * send all but the last byte of a 1 MiB body would hold a GiB. A body arriving whole with its headers is not
     * parked and not counted; past the bound a parked request is answered 429 (docs/limits.md, requests in flight).
     */
    static final long MAX_PARKED_BODY_BYTES = 16L * 1024 * 1024;

    /** Tomcat's own timeout of a parked request restarts with every read: it only backs up the deadline here. */
    private static final Duration CONTAINER_TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final NgrokErrorWriter errors;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final AtomicLong parkedBodyBytes = new AtomicLong();

    BodyReadingFilter(NgrokErrorWriter errors, Duration timeout, ScheduledExecutorService timer) {
        this.errors = errors;
        this.timeout = timeout;
        this.timer = timer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !NgrokApiFilter.hasBody(request) || PathKind.of(request) == PathKind.OUTSIDE
                || BodyLimit.isStreamed(request);
    }

    /** Runs again on the dispatch that resumes a parked request, to hand on the body it collected. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            resume(request, response, chain);
        } else if (ArrivedBodyValve.isBodyStillArriving(request)) {
            park(request, response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void park(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AsyncContext context = AsyncHandoff.park(request, response, timeout.plus(CONTAINER_TIMEOUT_MARGIN));
        Collector collector = new Collector(request, response, context);
        context.addListener(collector);
        collector.deadline = timer.schedule(collector::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.getInputStream().setReadListener(collector);
    }

    private void resume(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = (byte[]) request.getAttribute(BODY);
        if (body == null) {
            // parked by someone else, after this filter had let the body through
            chain.doFilter(request, response);
            return;
        }
        AsyncHandoff.resumed(request);
        request.removeAttribute(BODY);
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }

    /**
     * Collects the body as Tomcat's poller finds it, then resumes the request once; a body that fails (too large, too
     * slow, cut off) is answered here, since Tomcat takes a dispatch during an unfinished read for one more read.
     */
    private final class Collector implements ReadListener, AsyncListener {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext context;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile @Nullable Future<?> deadline;
        /** This body's share of {@link #parkedBodyBytes}, given back when the wait ends; guarded by this. */
        private long held;

        Collector(HttpServletRequest request, HttpServletResponse response, AsyncContext context) {
            this.request = request;
            this.response = response;
            this.context = context;
        }

        @Override
        public void onDataAvailable() {
            try {
                ServletInputStream input = request.getInputStream();
                while (!done.get() && input.isReady()) {
                    int read = input.read(buffer);
                    if (read < 0) {
                        return;
                    }
                    if (!hold(read)) {
                        refuse(NgrokErrors.plainStatus(429, "The server is holding the bodies of many slow requests"
                                + " and has no room for this one; send the body with the request, or retry."));
                        return;
                    }
                    body.write(buffer, 0, read);
                }
            } catch (IOException | IllegalStateException e) {
                onError(e);
            }
        }

        @Override
        public void onAllDataRead() {
            if (end()) {
                request.setAttribute(BODY, body.toByteArray());
                context.dispatch();
            }
        }

        @Override
        public void onError(Throwable failure) {
            refuse(failure instanceof BodyTooLargeException tooLarge
                    ? NgrokErrors.bodyTooLarge(tooLarge.maxBytes())
                    : NgrokErrors.plainStatus(400, "The request body could not be read to its end."));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            timedOut();
        }

        void timedOut() {
            refuse(NgrokErrors.plainStatus(408, "The request body did not arrive within " + timeout.toMillis()
                    + " ms. Send the whole body at once (emulator.requests.body-timeout sets the limit)."));
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void refuse(NgrokException problem) {
            if (!end()) {
                return;
            }
            try {
                errors.write(problem, request, response);
            } catch (IOException e) {
                // the client is gone: nobody to answer
            }
            AsyncHandoff.answerHere(context);
        }

        /** Counts {@code bytes} more against the bound of all parked bodies; false when they do not fit. */
        private synchronized boolean hold(int bytes) {
            if (done.get()) {
                // the wait has ended and its share was given back: nothing more to count
                return true;
            }
            if (parkedBodyBytes.addAndGet(bytes) > MAX_PARKED_BODY_BYTES) {
                parkedBodyBytes.addAndGet(-bytes);
                return false;
            }
            held += bytes;
            return true;
        }

        /** True for the one caller that ends the wait, which gives this body's share of the bound back. */
        private boolean end() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            Future<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
            synchronized (this) {
                parkedBodyBytes.addAndGet(-held);
                held = 0;
            }
            return true;
        }
    }

    /** The request with its body served from memory. */
    private static final class ReadBodyRequest extends HttpServletRequestWrapper {

        private final int length;
        private final ServletInputStream body;

        ReadBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.length = body.length;
            this.body = inMemory(new ByteArrayInputStream(body));
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        private static ServletInputStream inMemory(ByteArrayInputStream in) {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public int getContentLength() {
            return length;
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }
    }
}
