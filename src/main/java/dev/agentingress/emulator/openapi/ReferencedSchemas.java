package dev.agentingress.emulator.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/** Drops the component schemas that no remaining operation uses, directly or through other schemas. */
final class ReferencedSchemas {

    private static final Pattern REFERENCE = Pattern.compile("#/components/schemas/([A-Za-z0-9_.-]+)");

    private ReferencedSchemas() {
    }

    static void keepOnlyReferenced(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Set<String> used = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>(referencesIn(openApi.getPaths()));
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            if (used.add(name) && schemas.containsKey(name)) {
                toVisit.addAll(referencesIn(schemas.get(name)));
            }
        }
        schemas.keySet().retainAll(used);
    }

    private static Set<String> referencesIn(Object part) {
        Set<String> names = new HashSet<>();
        Matcher matcher = REFERENCE.matcher(Json.pretty(part));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
