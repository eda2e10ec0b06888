package dev.agentingress.emulator.api.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

import dev.agentingress.emulator.api.error.NgrokErrorReportValve;

/**
 * Puts {@link NgrokErrorReportValve} in the place of Tomcat's HTML error report, and adds {@link ArrivedBodyValve}
 * to the context.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorPageConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextValves(new ArrivedBodyValve());
        // the host adds its error report valve when it starts, just before it starts this context
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                replaceErrorReportValve(context.getParent());
            }
        }));
    }

    private static void replaceErrorReportValve(Container host) {
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof NgrokErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            host.getPipeline().addValve(new NgrokErrorReportValve());
        }
    }
}
