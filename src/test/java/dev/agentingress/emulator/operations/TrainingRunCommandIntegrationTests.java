package dev.agentingress.emulator.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import org.junit.jupiter.api.Test;

import dev.agentingress.emulator.support.ApiIntegrationTest;

/**
 * The AOT cache's training workload, against a real server: every answer is the one it expects (else the image build
 * would fail), and it leaves its account as it found it.
 */
class TrainingRunCommandIntegrationTests extends ApiIntegrationTest {

    @Test
    void theWorkloadGetsTheAnswersItExpectsAndLeavesItsAccountEmpty() throws InterruptedException {
        assertThat(TrainingRunCommand.train("http://127.0.0.1:" + port)).isEmpty();

        api("aot-training").get("/agent_ingresses").then().statusCode(200).body("ingresses", empty());
    }
}
