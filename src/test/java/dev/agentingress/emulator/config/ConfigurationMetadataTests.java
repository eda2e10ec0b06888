package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata Spring Boot's configuration processor writes from {@link EmulatorProperties}, which IDEs read to
 * complete and describe {@code emulator.*} in application.yml: every setting is there, with its {@code @param} text.
 */
class ConfigurationMetadataTests {

    @Test
    void everyEmulatorSettingHasADescription() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the processor's output on the class path").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            names.add(name);
            if (!property.hasNonNull("description") || property.get("description").asString().isBlank()) {
                undescribed.add(name);
            }
        }

        assertThat(names).contains("emulator.public-base-url", "emulator.api-keys", "emulator.journal.max-bytes",
                "emulator.memory.max-ingresses").allMatch(name -> name.startsWith("emulator."));
        assertThat(undescribed).as("settings without an @param description").isEmpty();
    }
}
