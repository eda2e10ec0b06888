package dev.agentingress.emulator.controls.faults;

import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * Declares the interceptor here rather than scanning it: web slices ({@code @WebMvcTest}) pick up every scanned
 * {@code HandlerInterceptor}, and this one needs the rules store, which a slice does not have.
 */
@Configuration(proxyBeanMethods = false)
class FaultInjectionConfiguration {

    @Bean
    FaultInjectionInterceptor faultInjectionInterceptor(NgrokOperations operations, FaultRules rules,
            EmulatorProperties properties, ScheduledExecutorService parkedRequestTimer) {
        return new FaultInjectionInterceptor(operations, rules, properties, parkedRequestTimer);
    }
}
