package dev.agentingress.emulator.controls.journal;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.handler.MappedInterceptor;

import dev.agentingress.emulator.api.ApiFilterOrder;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.error.NgrokErrors;
import dev.agentingress.emulator.config.DatabaseKind;
import dev.agentingress.emulator.config.EmulatorProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

@Configuration(proxyBeanMethods = false)
class RequestJournalConfiguration {

    @Bean
    RequestJournal requestJournal(EmulatorProperties properties, JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager, @Value("${spring.datasource.url:}") String datasourceUrl) {
        EmulatorProperties.Journal settings = properties.journal();
        JournalStore store = settings.keptInDatabase(datasourceUrl)
                ? new DatabaseJournalStore(jdbc, transactionManager, settings, DatabaseKind.isPostgresql(datasourceUrl))
                : new MemoryJournalStore(settings);
        return new RequestJournal(settings, store);
    }

    /** What the journal lost, for whoever watches the server: a slow database shows here before anywhere else. */
    @Bean
    MeterBinder requestJournalMetrics(RequestJournal journal) {
        return registry -> {
            FunctionCounter.builder("emulator.journal.dropped", journal, RequestJournal::dropped)
                    .description("Journal entries not recorded because the writer's queue was full")
                    .register(registry);
            FunctionCounter.builder("emulator.journal.failed", journal, RequestJournal::failed)
                    .description("Journal entries lost to a failed database write")
                    .register(registry);
        };
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
