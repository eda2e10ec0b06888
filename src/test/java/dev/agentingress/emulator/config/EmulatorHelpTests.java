package dev.agentingress.emulator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * --help lists the settings from the metadata the build writes from {@link EmulatorProperties}: each with its meaning,
 * and the README's configuration table names each of them too.
 */
class EmulatorHelpTests {

    private final List<EmulatorHelp.Setting> settings = EmulatorHelp.settings();

    @Test
    void listsEverySettingWithItsEnvironmentVariableDefaultAndMeaning() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmulatorHelp.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  emulator.rate-limit.limit  EMULATOR_RATE_LIMIT_LIMIT  (default 120)\n"
                        + "      requests an account may make in any rolling window\n")
                .contains("  emulator.regions  EMULATOR_REGIONS  (default us,eu,ap,au,sa,jp,in)\n")
                .contains("  emulator.version-header  EMULATOR_VERSION_HEADER  (default strict)\n");
    }

    @Test
    void everySettingSaysWhatItMeans() {
        assertThat(settings).hasSizeGreaterThan(20);
        assertThat(settings).allSatisfy(setting -> assertThat(setting.description()).as(setting.name()).isNotBlank());
    }

    @Test
    void theReadmeNamesEverySetting() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(settings).allSatisfy(setting -> assertThat(readme).as(setting.name())
                .contains("| `" + setting.name() + "` | `" + setting.environmentVariable() + "` |"));
    }

    @Test
    void helpIsAskedWithDashDashHelpOrDashH() {
        assertThat(EmulatorHelp.isAsked("--server.port=9000", "--help")).isTrue();
        assertThat(EmulatorHelp.isAsked("-h")).isTrue();
        assertThat(EmulatorHelp.isAsked("--server.port=9000")).isFalse();
    }
}
