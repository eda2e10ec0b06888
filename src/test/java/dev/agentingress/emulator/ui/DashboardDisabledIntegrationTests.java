package dev.agentingress.emulator.ui;

import static dev.agentingress.emulator.support.NgrokErrorAssert.assertThatNgrokError;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/** {@code emulator.ui.enabled=false}, for a shared deployment that wants no page: its paths are unknown ones. */
@TestPropertySource(properties = "emulator.ui.enabled=false")
class DashboardDisabledIntegrationTests extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/_emulator/ui", "/_emulator/ui/", "/_emulator/ui/dashboard.js"})
    void thePageIsNgroksNotFound(String path) {
        assertThatNgrokError(anonymous().get(path)).isNgrokEnvelope().hasStatus(404).hasOperationId();
    }
}
