package dev.agentingress.emulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AgentIngressEmulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(AgentIngressEmulatorApplication.class, args);
    }
}
