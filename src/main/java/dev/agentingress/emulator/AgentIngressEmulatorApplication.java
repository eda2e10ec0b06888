package dev.agentingress.emulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.agentingress.emulator.config.EmulatorHelp;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentIngressEmulatorApplication {

    public static void main(String[] args) {
        if (EmulatorHelp.isAsked(args)) {
            EmulatorHelp.print(System.out);
            return;
        }
        SpringApplication.run(AgentIngressEmulatorApplication.class, args);
    }
}
