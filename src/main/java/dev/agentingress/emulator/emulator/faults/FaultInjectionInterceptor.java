package dev.agentingress.emulator.emulator.faults;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.method.HandlerMethod;

import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.EmulatorControls;
import dev.agentingress.emulator.api.NgrokApiFilter;
import dev.agentingress.emulator.api.NgrokErrors;
import dev.agentingress.emulator.api.NgrokOperationInterceptor;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Injects the fault a call asks for, before its handler runs: the {@code Ngrok-Emulator-Fault} header when present
 * (and enabled), else the caller's first rule that fires. A failure is thrown as ngrok's envelope, so the operation
 * never runs and nothing changes; a delay just holds the request back.
 */
class FaultInjectionInterceptor implements NgrokOperationInterceptor {

    private final NgrokOperations operations;
    private final FaultRules rules;
    private final boolean headerEnabled;

    FaultInjectionInterceptor(NgrokOperations operations, FaultRules rules, EmulatorProperties properties) {
        this.operations = operations;
        this.rules = rules;
        this.headerEnabled = properties.faults().headerEnabled();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || EmulatorControls.contains(request)) {
            return true;
        }
        Optional<String> operation = operations.nameOf(method);
        if (operation.isEmpty()) {
            return true;
        }
        String header = headerEnabled ? request.getHeader(FaultHeader.NAME) : null;
        if (header != null) {
            inject(FaultHeader.parse(header), "the " + FaultHeader.NAME + " header");
            return true;
        }
        Account account = NgrokApiFilter.account(request);
        FaultRule rule = account == null ? null : rules.next(account, operation.get());
        if (rule != null) {
            inject(rule.fault(), "the fault rule " + rule.id() + " of " + FaultController.PATH);
        }
        return true;
    }

    private static void inject(Fault fault, String source) {
        delay(fault.latency());
        HttpStatusCode status = fault.status();
        if (status != null) {
            throw NgrokErrors.injectedFault(status, fault.errorCode(), "Injected fault: " + fault.describeStatus()
                    + ", as " + source + " asked.");
        }
    }

    private static void delay(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            // the server is stopping: answer now rather than hold the thread
            Thread.currentThread().interrupt();
        }
    }
}
