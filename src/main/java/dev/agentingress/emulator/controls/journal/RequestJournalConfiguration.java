package dev.agentingress.emulator.controls.journal;

import java.time.Clock;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.web.ApiFilterOrder;
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
}
