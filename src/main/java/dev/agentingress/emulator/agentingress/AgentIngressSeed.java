package dev.agentingress.emulator.agentingress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.agentingress.emulator.api.Account;
import dev.agentingress.emulator.api.AccountResolver;
import dev.agentingress.emulator.api.error.NgrokException;
import dev.agentingress.emulator.config.EmulatorProperties;
import dev.agentingress.emulator.config.StartupProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads {@code emulator.seed.path} (a list-JSON file, or a directory of {@code *.json} files in name order) into the
 * account of {@code emulator.seed.token} before the emulator reports ready (readiness and the ready log line come after
 * it). IDs already there are skipped, so a restart on durable storage changes nothing. A bad seed stops start-up with
 * the file and the problem.
 */
@Component
class AgentIngressSeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AgentIngressSeed.class);

    private final EmulatorProperties.Seed seed;
    private final AccountResolver accounts;
    private final AgentIngressImporter importer;
    private final JsonMapper json;

    AgentIngressSeed(EmulatorProperties properties, AccountResolver accounts, AgentIngressImporter importer,
            JsonMapper json) {
        this.seed = properties.seed();
        this.accounts = accounts;
        this.importer = importer;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (seed.path() == null || seed.token() == null) {
            return;
        }
        Account account;
        try {
            account = accounts.resolve(seed.token());
        } catch (NgrokException e) {
            // not ngrok's message: it quotes the token, and a start-up line must never show a secret
            throw new StartupProblem("emulator.seed.token is not an accepted API key: it is none of emulator.api-keys");
        }
        for (Path file : files(Path.of(seed.path()))) {
            try {
                AgentIngressImport.Result result = importer.importAll(account,
                        json.readValue(file.toFile(), AgentIngressImport.class));
                log.info("Seeded {}: {} imported, {} already there", file, result.imported(), result.skipped());
            } catch (JacksonException e) {
                throw new InvalidSeedException(file, e.getOriginalMessage());
            } catch (NgrokException e) {
                throw new InvalidSeedException(file, e.getMessage() + " " + e.details());
            }
        }
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isReadable(path)) {
                throw new InvalidSeedException(path, "no such file or directory");
            }
            return List.of(path);
        }
        try (Stream<Path> listing = Files.list(path)) {
            return listing.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidSeedException(path, Objects.toString(e.getMessage(), e.getClass().getSimpleName()));
        }
    }

    /** A seed the emulator cannot load; start-up stops with this message. */
    static final class InvalidSeedException extends StartupProblem {
        InvalidSeedException(Path file, String problem) {
            super("Invalid seed " + file + ": " + problem);
        }
    }
}
