package dev.agentingress.emulator.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A control whose handler reads its body as it arrives, holding a bounded part of it at a time (the import): ngrok's
 * 1 MiB body limit does not apply to it, {@code emulator.import.max-body-size} does, and its body is read on the
 * request's thread rather than collected in memory first (a client has Tomcat's connection timeout between two reads).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StreamedBody {
}
