package dev.agentingress.emulator.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code --help} prints: every {@code emulator.*} setting with its environment variable, default and meaning.
 * They are read from the configuration metadata that Spring Boot's configuration processor writes at build time from
 * {@link EmulatorProperties} itself (its components, their {@code @DefaultValue}s and their javadoc), so the help
 * cannot list a setting the server does not bind, nor miss one it does.
 */
public final class EmulatorHelp {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final String PREFIX = "emulator.";

    private EmulatorHelp() {
    }

    /** Whether the command line asks for help rather than a server. */
    public static boolean isAsked(String... args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static void print(PrintStream out) {
        out.println(
                """
                        Agent Ingress emulator: ngrok's REST API for Agent Ingresses, on this machine.

                        Usage: java -jar agent-ingress-emulator.jar [--setting=value ...]
                               sh start-emulator.sh [--setting=value ...]      (the image's way: Spring AOT, the JDK's AOT cache)
                        Every setting is a --setting=value argument or an environment variable, as below.

                          server.port  PORT  (default 8080)
                              the port the API listens on
                          spring.profiles.active  SPRING_PROFILES_ACTIVE  (default none: H2 in memory)
                              durable: H2 in the file <emulator.data-dir>/emulator.mv.db, kept across restarts
                          spring.datasource.url  SPRING_DATASOURCE_URL  (with SPRING_DATASOURCE_USERNAME, _PASSWORD)
                              another database, e.g. jdbc:postgresql://db:5432/emulator, shared by every instance on it
                        """);
        for (Setting setting : settings()) {
            out.println("  " + setting.name() + "  " + setting.environmentVariable()
                    + (setting.defaultValue() == null ? "" : "  (default " + setting.defaultValue() + ")"));
            out.println("      " + setting.description());
        }
    }

    /** The {@code emulator.*} settings, by name, from every metadata file on the class path. */
    static List<Setting> settings() {
        JsonMapper json = JsonMapper.builder().build();
        List<Setting> settings = new ArrayList<>();
        try {
            for (URL url : Collections.list(EmulatorHelp.class.getClassLoader().getResources(METADATA))) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        String name = property.path("name").asString();
                        if (name.startsWith(PREFIX)) {
                            settings.add(new Setting(name, property.path("description").asString(""),
                                    defaultValue(property.get("defaultValue"))));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
        settings.sort(Comparator.comparing(Setting::name));
        return settings;
    }

    private static @Nullable String defaultValue(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asString()));
            return items.isEmpty() ? null : String.join(",", items);
        }
        String text = value.asString();
        // the processor writes a list's @DefaultValue as Java prints a list, [us, eu]; a setting takes us,eu
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1).replace(", ", ",")
                : text;
    }

    /** One setting as the metadata describes it. */
    record Setting(String name, String description, @Nullable String defaultValue) {

        /** The form the README gives: upper case, dots and dashes as underscores (Boot's binder accepts it). */
        String environmentVariable() {
            return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        @Override
        public String description() {
            // the processor keeps the javadoc's line breaks and inline tags: a help line needs neither
            return description.replaceAll("\\{@(?:code|link) ([^}]*)}", "$1").replaceAll("\\s+", " ").strip();
        }
    }
}
