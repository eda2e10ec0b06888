package dev.agentingress.emulator.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters a handler reads, in the order ngrok lists them when it refuses one. The query string of every
 * request to ngrok's API or to the controls is read against them before its handler runs: a parameter not named is
 * ERR_NGROK_231, a repeated one ERR_NGROK_232. A handler without this annotation accepts none, and one that takes
 * {@link PageParameters} accepts theirs besides, so that the names are written once, where they are read.
 * The handler gets the checked parameters as a {@link QueryParameters} argument.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsQuery {

    String[] value();
}
