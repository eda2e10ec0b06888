package dev.agentingress.emulator.api.error;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The section of this project's documentation of the controls ({@value #FILE}) that describes a control, on its
 * controller or handler method (the method's wins). Errors about a control's body point there rather than to ngrok's
 * API reference, which knows nothing of the emulator's own endpoints.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ControlDocs {

    String FILE = "docs/controls.md";

    /** The section's anchor in {@value #FILE}, e.g. {@code clock}. */
    String value();
}
