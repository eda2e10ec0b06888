package dev.agentingress.emulator.controls.journal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.MappedInterceptor;

import dev.agentingress.emulator.api.ApiFilterOrder;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.EmulatorProperties;

@Configuration(proxyBeanMethods = false)
class RequestJournalConfiguration {

    @Bean
    RequestJournal requestJournal(EmulatorProperties properties) {
        return new RequestJournal(properties.journal());
    }

    /** Wraps the API checks: it needs the account they resolve, and the status of whatever they refuse. */
    @Bean
    FilterRegistrationBean<RequestJournalFilter> requestJournalFilter(RequestJournal journal, Clock clock,
            NgrokOperations operations) {
        FilterRegistrationBean<RequestJournalFilter> registration = new FilterRegistrationBean<>(
                new RequestJournalFilter(journal, clock, operations));
        registration.setOrder(ApiFilterOrder.JOURNAL);
        return registration;
    }

    /**
     * Off, the journal answers rather than looking empty, so a test does not pass for the wrong reason; and it says so
     * before anything else about the request is judged (its query string), as a missing route would.
     */
    @Bean
    MappedInterceptor journalOff(RequestJournal journal) {
        return new MappedInterceptor(new String[]{RequestJournalController.PATH}, new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!journal.settings().enabled()) {
                    throw NgrokErrors.plainStatus(404, "The request journal is off (emulator.journal.enabled=false).");
                }
                return true;
            }
        });
    }
}
