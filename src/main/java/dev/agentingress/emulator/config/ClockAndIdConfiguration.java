package dev.agentingress.emulator.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.agentingress.emulator.ids.KsuidGenerator;

/**
 * The real clock, and the KSUID generator that reads it (the {@code ids} package stays plain Java). Public for the
 * test slices, which import it rather than declare the two beans again.
 */
@Configuration(proxyBeanMethods = false)
public class ClockAndIdConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KsuidGenerator ksuidGenerator(Clock clock) {
        return new KsuidGenerator(clock);
    }
}
