package dev.agentingress.emulator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's Testcontainers example is this package's compiled test, word for word from its imports on. */
class ReadmeExamplesTests {

    @Test
    void theReadmeShowsTheTestcontainersExampleAsItIsCompiled() throws IOException {
        String example = Files.readString(
                Path.of("src/test/java/dev/agentingress/emulator/examples/AgentIngressEmulatorContainerTests.java"));
        String shown = example.substring(example.indexOf("import "));
        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + shown + "```\n");
    }
}
