package dev.agentingress.emulator.controls.faults;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.method.HandlerMethod;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AsyncHandoff;
import dev.agentingress.emulator.api.NgrokOperationInterceptor;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.RequestAccount;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Injects the fault a call asks for, before its handler runs: the {@code Ngrok-Emulator-Fault} header when present
 * (and enabled), else the caller's first rule that fires. A failure is thrown as ngrok's envelope, so the operation
 * never runs and nothing changes. A delay parks the request ({@link AsyncHandoff}) and resumes it when the delay is
 * over, so a hundred delayed calls hold no request thread that other accounts need.
 */
class FaultInjectionInterceptor implements NgrokOperationInterceptor {

    /** Longer than any delay, so that the container never times a delayed call out before it resumes. */
    private static final Duration PARKING_MARGIN = Duration.ofSeconds(30);
    private static final String DELAYED = FaultInjectionInterceptor.class.getName() + ".delayed";

    private final NgrokOperations operations;
    private final FaultRules rules;
    private final boolean headerEnabled;
    private final ScheduledExecutorService resumer;

    FaultInjectionInterceptor(NgrokOperations operations, FaultRules rules, EmulatorProperties properties,
            ScheduledExecutorService resumer) {
        this.operations = operations;
        this.rules = rules;
        this.headerEnabled = properties.faults().headerEnabled();
        this.resumer = resumer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (request.getAttribute(DELAYED) instanceof DelayedFault delayed) {
            // the delay is over: this call goes on as the fault decided when it arrived
            request.removeAttribute(DELAYED);
            AsyncHandoff.resumed(request);
            fail(delayed.fault(), delayed.source());
            return true;
        }
        Optional<String> operation = operations.nameOf(method);
        if (operation.isEmpty()) {
            return true;
        }
        String header = headerEnabled ? request.getHeader(FaultHeader.NAME) : null;
        if (header != null) {
            return inject(FaultHeader.parse(header), "the " + FaultHeader.NAME + " header", request, response);
        }
        Account account = RequestAccount.of(request);
        FaultRule rule = account == null ? null : rules.next(account, operation.get());
        return rule == null
                || inject(rule.fault(), "the fault rule " + rule.id() + " of " + FaultController.PATH, request,
                        response);
    }

    /** Fails the call now, or parks it for the fault's delay and answers false: the call goes on when it resumes. */
    private boolean inject(Fault fault, String source, HttpServletRequest request, HttpServletResponse response) {
        Duration latency = fault.latency();
        if (latency.isZero()) {
            fail(fault, source);
            return true;
        }
        request.setAttribute(DELAYED, new DelayedFault(fault, source));
        AsyncContext parked = AsyncHandoff.park(request, response, latency.plus(PARKING_MARGIN));
        Runnable resume = parked::dispatch;
        resumer.schedule(resume, latency.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }

    private static void fail(Fault fault, String source) {
        HttpStatusCode status = fault.status();
        if (status != null) {
            throw NgrokErrors.injectedFault(status, fault.errorCode(), "Injected fault: " + fault.describeStatus()
                    + ", as " + source + " asked.");
        }
    }

    private record DelayedFault(Fault fault, String source) {
    }
}
