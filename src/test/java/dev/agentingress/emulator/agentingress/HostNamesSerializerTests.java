package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/** The bytes of a list of names are Jackson's own, whichever way each name is written. */
class HostNamesSerializerTests {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    record Names(@JsonSerialize(using = HostNamesSerializer.class) List<String> names) {
    }

    record JacksonNames(List<String> names) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"tunnel.us.example.com", "ns1.agent-ingress.emulator.invalid.", "", "a\"b", "a\\b", "a/b",
            "tab\there", "new\nline", "\u0000", "\u007f", "caf\u00e9.example", "\u4e2d\u6587.example",
            "emoji\ud83d\ude00",
            "~!@#$%^&*()_+={}[]|:;'<>,.?"})
    void writesWhatJacksonWrites(String name) {
        List<String> names = List.of("first.example.com", name, "last.example.com");

        assertThat(new String(JACKSON.writeValueAsBytes(new Names(names))))
                .isEqualTo(new String(JACKSON.writeValueAsBytes(new JacksonNames(names))));
        assertThat(JACKSON.writeValueAsString(new Names(names)))
                .isEqualTo(JACKSON.writeValueAsString(new JacksonNames(names)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "caf\u00e9.example", "plain.example.com"})
    void followsTheGeneratorsEscapingSettings(String name) {
        JsonMapper escaping = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
        List<String> names = List.of(name);

        assertThat(new String(escaping.writeValueAsBytes(new Names(names))))
                .isEqualTo(new String(escaping.writeValueAsBytes(new JacksonNames(names))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tunnel.us.example.com", "ns1.example.", "a-b.c_d.example"})
    void plainNamesNeedNoEscape(String name) {
        assertThat(HostNamesSerializer.needsNoEscape(name.getBytes())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a\\b", "a/b", "tab\there", "\u007f", "caf\u00e9"})
    void anythingElseIsLeftToJackson(String name) {
        assertThat(HostNamesSerializer.needsNoEscape(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }
}
