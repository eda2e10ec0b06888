package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.agentingress.emulator.api.error.NgrokException;

class DomainNamesTests {

    @ParameterizedTest
    @CsvSource({
            "connect.acme.com, connect.acme.com",
            "' Connect.ACME.com ', connect.acme.com",
            "connect.acme.com., connect.acme.com"})
    void normalisesAsNgrokDoes(String given, String normalised) {
        assertThat(DomainNames.normalise(given)).isEqualTo(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.com", "connect.acme.com", "a-b.c-d.example.co.uk", "xn--bcher-kva.example.com",
            "123.acme.com", "a.b"})
    void acceptsPublicDnsNames(String domain) {
        assertThatCode(() -> DomainNames.check(domain)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "com", "localhost", "*.acme.com", "acme..com", ".acme.com", "-acme.com", "acme-.com",
            "ac_me.com", "acme.com:443", "ab--cd.acme.com", "acme.local", "acme.test", "1.2.3.4", "acme.com/x",
            "bücher.example.com"})
    void rejectsWhatIsNotAPublicDnsNameWith6704(String domain) {
        assertThatThrownBy(() -> DomainNames.check(domain)).isInstanceOfSatisfying(NgrokException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ERR_NGROK_6704"));
    }

    static List<String> overTheDnsLimits() {
        return List.of("a".repeat(64) + ".com", "a.".repeat(126) + "com");
    }

    @ParameterizedTest
    @MethodSource("overTheDnsLimits")
    void rejectsLabelsAndNamesOverTheDnsLimitsWith6704(String domain) {
        assertThatThrownBy(() -> DomainNames.check(domain)).isInstanceOfSatisfying(NgrokException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ERR_NGROK_6704"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ngrok.app", "x.ngrok.app", "connect.ngrok.dev", "a.ngrok.pizza", "a.ngrok-free.app",
            "a.ngrok-free.dev", "a.ngrok-free.pizza", "a.ngrok.io", "api.ngrok.com", "connect.ngrok-agent.com"})
    void rejectsNgrokOwnedDomainsWith6705(String domain) {
        assertThatThrownBy(() -> DomainNames.check(domain)).isInstanceOfSatisfying(NgrokException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ERR_NGROK_6705"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"notngrok.app", "ngrok.app.acme.com"})
    void acceptsDomainsThatOnlyLookLikeNgroks(String domain) {
        assertThatCode(() -> DomainNames.check(domain)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000connect.acme.com", "connect.acme.com\u0000", "connect.acme\u0007.com",
            "connect.acme.com\u007f", "connect.acme.\u212Aom", "b\u00fccher.example.com", "connect.acme.com\u00a0"})
    void refusesControlCharactersAndNonAsciiInsteadOfTrimmingOrFoldingThemWith6704(String given) {
        assertThatThrownBy(() -> DomainNames.normalise(given)).isInstanceOfSatisfying(NgrokException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ERR_NGROK_6704"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {" connect.acme.com", "connect.acme.com\t", "\r\nconnect.acme.com\n", "\u000bconnect.acme.com\f"})
    void trimsWhitespaceAsGoDoes(String given) {
        assertThat(DomainNames.normalise(given)).isEqualTo("connect.acme.com");
    }
}
