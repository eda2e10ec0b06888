package dev.agentingress.emulator.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request wait without a thread: whoever must wait (for a slow body, for an injected delay) parks the request,
 * returns its thread to Tomcat, and later either resumes it, dispatching it through the chain once more, where the
 * one that parked it picks it up ({@link #resumed}), or answers it on the spot ({@link #answerHere}). The request and
 * response wrappers of the first pass (the journal's, the API filter's) go along, because the request is parked with
 * the objects that the parker was given.
 * <p>
 * Filters that act after the chain returns ask {@link #isParked} instead of {@link ServletRequest#isAsyncStarted}:
 * a dispatch made before the first pass has unwound turns that false too early, whereas the mark stays until the
 * resumed pass clears it, and the servlet container never starts that pass before the first one has returned.
 */
public final class AsyncHandoff {

    private static final String PARKED = AsyncHandoff.class.getName() + ".parked";
    private static final String BEFORE_ANSWER_HERE = AsyncHandoff.class.getName() + ".beforeAnswerHere";

    private AsyncHandoff() {
    }

    /** Parks the request: the caller returns at once, and later resumes the context or answers it here. */
    public static AsyncContext park(HttpServletRequest request, HttpServletResponse response, Duration timeout) {
        request.setAttribute(PARKED, Boolean.TRUE);
        AsyncContext context = request.startAsync(request, response);
        context.setTimeout(timeout.toMillis());
        return context;
    }

    /** Whether the request was parked during this pass and will be answered later. */
    public static boolean isParked(ServletRequest request) {
        return request.getAttribute(PARKED) != null;
    }

    /** Called by whoever parked the request, on the pass that resumes it. */
    public static void resumed(ServletRequest request) {
        request.removeAttribute(PARKED);
        request.removeAttribute(BEFORE_ANSWER_HERE);
    }

    /**
     * What a filter that finishes its work after the chain (the journal) does instead when the parked request is
     * answered without going through the chain again.
     */
    @SuppressWarnings("unchecked")
    public static void beforeAnswerHere(ServletRequest request, Runnable action) {
        List<Runnable> actions = (List<Runnable>) request.getAttribute(BEFORE_ANSWER_HERE);
        if (actions == null) {
            actions = new ArrayList<>(1);
            request.setAttribute(BEFORE_ANSWER_HERE, actions);
        }
        actions.add(action);
    }

    /** Ends a parked request whose answer was just written to the response it was parked with. */
    @SuppressWarnings("unchecked")
    public static void answerHere(AsyncContext context) {
        ServletRequest request = context.getRequest();
        List<Runnable> actions = (List<Runnable>) request.getAttribute(BEFORE_ANSWER_HERE);
        resumed(request);
        if (actions != null) {
            actions.forEach(Runnable::run);
        }
        context.complete();
    }
}
