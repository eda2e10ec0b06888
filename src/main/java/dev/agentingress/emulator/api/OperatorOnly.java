package dev.agentingress.emulator.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A control that acts on every account: it answers only to the operator's token ({@code emulator.admin-token}), and
 * is off (403) where none is set. Browsers get no CORS grant for it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperatorOnly {
}
