package dev.agentingress.emulator.agentingress;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.agentingress.emulator.config.ClockAndIdConfiguration;
import dev.agentingress.emulator.config.ControlChanges;
import dev.agentingress.emulator.config.EmulatorClock;
import dev.agentingress.emulator.config.EmulatorProperties;

/**
 * The agent ingress service and importer on the Flyway schema of the run's database (H2, and PostgreSQL in the
 * PostgreSQL run), without HTTP: for the rules behind the wire (paging in batches, import order, the filter over stored
 * rows), which the black-box tests would reach only through hundreds of requests.
 * <p>
 * No test transaction: the list reads outside one (each batch its own query), so it would not see rows that a test
 * transaction had not committed. Tests work in accounts of their own ({@code Unique.account()}) instead of rolling
 * back, as the black-box tests do.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@EnableConfigurationProperties(EmulatorProperties.class)
@Import({AgentIngressService.class, AgentIngressImporter.class, KeptIngresses.class, EmulatorClock.class,
        ControlChanges.class, ClockAndIdConfiguration.class})
@interface AgentIngressServiceTest {
}
