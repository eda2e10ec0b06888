package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.agentingress.emulator.AgentIngressEmulatorApplication;

/** Settings whose bounds cannot fit the heap stop the server before it takes a request, with one line. */
@ExtendWith(OutputCaptureExtension.class)
class HeapBudgetIntegrationTests {

    @Test
    void boundsBeyondTheHeapStopStartUpWithOneLineNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AgentIngressEmulatorApplication.class)
                // memory mode, where the ingresses live in the heap, also in the suite's PostgreSQL pass
                .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:heap-budget",
                        "--emulator.memory.max-ingresses=2000000000"))
                .isNotNull();

        assertThat(output).contains("cannot hold the emulator's bounds")
                .contains("ingresses 23437500 MiB (emulator.memory.max-ingresses=2000000000)");
        assertThat(output).doesNotContain("\tat ").doesNotContain("Agent Ingress emulator ready");
    }
}
