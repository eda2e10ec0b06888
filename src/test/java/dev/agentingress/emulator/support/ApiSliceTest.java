package dev.agentingress.emulator.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.mockito.Answers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.HashedAccounts;
import dev.agentingress.emulator.api.NgrokOperations;
import dev.agentingress.emulator.api.PublicUrls;
import dev.agentingress.emulator.api.error.NgrokErrorWriter;
import dev.agentingress.emulator.config.ClockAndIdConfiguration;
import dev.agentingress.emulator.config.ControlChanges;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * An MVC slice of the API: the named controllers behind ngrok's filters, with the beans those filters and the error
 * writer need (properties, clock, IDs, operations, accounts). Accounts come without a database: in the slice, a token
 * is the account {@code slice:<token>}, as in open mode. The test mocks the controller's service and imports the
 * controller's own helpers (e.g. its representation).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@EnableConfigurationProperties(EmulatorProperties.class)
@Import({PublicUrls.class, AccountResolver.class, NgrokErrorWriter.class, EmulatorClock.class, ControlChanges.class,
        NgrokOperations.class, ClockAndIdConfiguration.class, ApiSliceTest.SliceBeans.class})
public @interface ApiSliceTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};

    @TestConfiguration(proxyBeanMethods = false)
    class SliceBeans {

        /** The real one keeps its secret in the database, which the slice has not got. */
        @Bean
        HashedAccounts hashedAccounts() {
            return mock(HashedAccounts.class,
                    withSettings().defaultAnswer(invocation -> invocation.getMethod().getReturnType() == Account.class
                            ? new Account("slice:" + invocation.getArgument(0))
                            : Answers.RETURNS_DEFAULTS.answer(invocation)));
        }

        /**
         * The clock's settings and the rate limit's shared windows are in the database, which the slice has not got:
         * an empty one, so every clock runs at real time (and the rate limit is off, as by default).
         */
        @Bean
        JdbcTemplate jdbcTemplate() {
            return mock(JdbcTemplate.class);
        }
    }
}
