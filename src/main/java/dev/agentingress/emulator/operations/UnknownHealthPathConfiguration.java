package dev.agentingress.emulator.operations;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.agentingress.emulator.api.error.NgrokErrorWriter;

@Configuration(proxyBeanMethods = false)
class UnknownHealthPathConfiguration {

    @Bean
    UnknownHealthPathFilter unknownHealthPathFilter(HealthContributorRegistry registry, HealthEndpointGroups groups,
            NgrokErrorWriter errors) {
        return new UnknownHealthPathFilter(registry, groups, errors);
    }
}
