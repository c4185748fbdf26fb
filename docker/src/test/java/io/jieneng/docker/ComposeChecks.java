package io.jieneng.docker;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A structural check of a compose file, written for this project from the Compose Specification, for machines
 * without the {@code docker compose} plugin: the keys it knows at each level (so a misspelt key fails), the types
 * of the values the deployment uses, and the references between parts: named volumes are declared, bind-mounted
 * paths exist, {@code depends_on} names services with a condition, a service waited for as healthy has a health
 * check, long-running services all have one, and the dependencies have no cycle. It returns the problems found,
 * so a test can also show that it finds planted ones.
 */
final class ComposeChecks {

    private static final Set<String> TOP_LEVEL = Set.of("name", "services", "volumes", "networks", "configs",
            "secrets");
    /** The service keys of the Compose Specification that a deployment like this one can use. */
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "restart", "environment", "env_file",
            "ports", "expose", "volumes", "depends_on", "healthcheck", "command", "entrypoint", "deploy", "networks",
            "hostname", "container_name", "user", "working_dir", "labels", "logging", "ulimits", "stop_grace_period",
            "stop_signal", "read_only", "tmpfs", "cap_drop", "security_opt", "init", "mem_limit", "cpus", "profiles",
            "extra_hosts", "secrets", "configs", "shm_size");
    private static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "args", "target", "labels",
            "cache_from");
    private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries",
            "start_period", "start_interval", "disable");
    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy",
            "service_completed_successfully");
    private static final Set<String> DEPENDENCY_KEYS = Set.of("condition", "required", "restart");
    private static final Set<String> DEPLOY_KEYS = Set.of("replicas", "resources", "restart_policy", "labels",
            "update_config", "rollback_config", "placement", "mode", "endpoint_mode");
    private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(\\.\\d+)?(us|ms|s|m|h))+");
    private static final Pattern PORT = Pattern.compile("((\\d{1,3}\\.){3}\\d{1,3}:)?(\\d+(-\\d+)?:)?\\d+(-\\d+)?(/(tcp|udp))?");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+(:?[-?][^}]*)?}");

    private ComposeChecks() {
    }

    /**
     * @param healthyImages services whose image defines a HEALTHCHECK (built from a Dockerfile that has one), so
     *                      they may be waited for as healthy without one in the compose file
     */
    static List<String> problems(ComposeFile file, Set<String> healthyImages) {
        List<String> out = new ArrayList<>();
        JsonNode root = file.root();
        root.fieldNames().forEachRemaining(k -> {
            if (!TOP_LEVEL.contains(k) && !k.startsWith("x-")) {
                out.add("unknown top-level key " + k);
            }
        });
        Set<String> declaredVolumes = new HashSet<>();
        root.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
        Set<String> usedVolumes = new HashSet<>();
        Map<String, JsonNode> services = file.services();
        if (services.isEmpty()) {
            out.add("no services");
        }
        for (var e : services.entrySet()) {
            String name = e.getKey();
            JsonNode s = e.getValue();
            String where = "service " + name + ": ";
            if (!NAME.matcher(name).matches()) {
                out.add(where + "invalid name");
            }
            if (!s.isObject()) {
                out.add(where + "not a mapping");
                continue;
            }
            s.fieldNames().forEachRemaining(k -> {
                if (!SERVICE_KEYS.contains(k) && !k.startsWith("x-")) {
                    out.add(where + "unknown key " + k);
                }
            });
            if (!s.has("image") && !s.has("build")) {
                out.add(where + "neither image nor build");
            }
            checkBuild(file, s, where, out);
            checkEnvironment(s, where, out);
            if (s.has("restart") && !RESTART.matcher(s.get("restart").asText()).matches()) {
                out.add(where + "restart must be no, always, unless-stopped or on-failure");
            }
            for (JsonNode p : s.path("ports")) {
                if (!PORT.matcher(p.asText()).matches()) {
                    out.add(where + "port " + p.asText() + " is not [ip:][host:]container[/proto]");
                }
            }
            for (JsonNode v : s.path("volumes")) {
                checkVolume(file, v, where, declaredVolumes, usedVolumes, out);
            }
            checkHealthcheck(s, where, out);
            checkDeploy(s, where, out);
            checkNetworks(s, where, out);
            for (String k : List.of("command", "entrypoint")) {
                if (s.has(k) && !s.get(k).isTextual() && !s.get(k).isArray()) {
                    out.add(where + k + " must be a string or a list");
                }
            }
            boolean oneShot = "no".equals(s.path("restart").asText());
            if (!oneShot && !s.has("healthcheck") && !healthyImages.contains(name)) {
                out.add(where + "a long-running service without a health check");
            }
            checkDependencies(name, s, services, healthyImages, out);
        }
        for (String v : declaredVolumes) {
            if (!usedVolumes.contains(v)) {
                out.add("volume " + v + " is declared but no service mounts it");
            }
        }
        cycles(services, out);
        return out;
    }

    private static void checkBuild(ComposeFile file, JsonNode s, String where, List<String> out) {
        JsonNode build = s.path("build");
        if (build.isMissingNode()) {
            return;
        }
        if (build.isObject()) {
            build.fieldNames().forEachRemaining(k -> {
                if (!BUILD_KEYS.contains(k)) {
                    out.add(where + "unknown build key " + k);
                }
            });
        } else if (!build.isTextual()) {
            out.add(where + "build must be a path or a mapping");
            return;
        }
        Path dockerfile = file.dockerfile(s);
        if (!Files.isRegularFile(dockerfile)) {
            out.add(where + "Dockerfile " + dockerfile + " does not exist");
        }
    }

    private static void checkEnvironment(JsonNode s, String where, List<String> out) {
        JsonNode env = s.path("environment");
        if (env.isMissingNode()) {
            return;
        }
        if (env.isObject()) {
            env.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    out.add(where + "environment " + e.getKey() + " must be a string, number, boolean or null");
                }
                if (e.getValue().isBoolean()) {
                    // YAML true/false is not a string; compose refuses booleans in environment maps.
                    out.add(where + "environment " + e.getKey() + " is a YAML boolean: quote it");
                }
            });
        } else if (env.isArray()) {
            env.forEach(item -> {
                if (!item.isTextual() || !item.asText().matches("[A-Za-z_][A-Za-z0-9_]*(=.*)?")) {
                    out.add(where + "environment entry " + item + " is not KEY=VALUE");
                }
            });
        } else {
            out.add(where + "environment must be a mapping or a list");
        }
    }

    private static void checkVolume(ComposeFile file, JsonNode v, String where, Set<String> declared,
                                    Set<String> used, List<String> out) {
        if (!v.isTextual()) {
            out.add(where + "volume " + v + ": only the short syntax source:target[:mode] is used here");
            return;
        }
        String[] parts = v.asText().split(":");
        if (parts.length < 2 || parts.length > 3 || !parts[1].startsWith("/")
                || (parts.length == 3 && !parts[2].matches("ro|rw|z|Z"))) {
            out.add(where + "volume " + v.asText() + " is not source:/target[:ro]");
            return;
        }
        String source = parts[0];
        if (source.startsWith(".") || source.startsWith("/")) {
            Path host = file.path().getParent().resolve(source).normalize();
            if (!Files.exists(host)) {
                out.add(where + "bind-mounted " + source + " does not exist (" + host + ")");
            }
        } else if (!declared.contains(source)) {
            out.add(where + "named volume " + source + " is not declared under volumes");
        } else {
            used.add(source);
        }
    }

    private static void checkHealthcheck(JsonNode s, String where, List<String> out) {
        JsonNode h = s.path("healthcheck");
        if (h.isMissingNode()) {
            return;
        }
        h.fieldNames().forEachRemaining(k -> {
            if (!HEALTHCHECK_KEYS.contains(k)) {
                out.add(where + "unknown healthcheck key " + k);
            }
        });
        JsonNode test = h.path("test");
        if (test.isArray()) {
            String first = test.path(0).asText();
            if (!Set.of("CMD", "CMD-SHELL", "NONE").contains(first) || (!first.equals("NONE") && test.size() < 2)) {
                out.add(where + "healthcheck test must start with CMD or CMD-SHELL and name a command");
            }
        } else if (!test.isTextual()) {
            out.add(where + "healthcheck without a test");
        }
        for (String k : List.of("interval", "timeout", "start_period", "start_interval")) {
            if (h.has(k) && !DURATION.matcher(h.get(k).asText()).matches()) {
                out.add(where + "healthcheck " + k + " " + h.get(k).asText() + " is not a duration");
            }
        }
        if (h.has("retries") && !h.get("retries").canConvertToInt()) {
            out.add(where + "healthcheck retries must be a number");
        }
    }

    private static void checkDeploy(JsonNode s, String where, List<String> out) {
        JsonNode d = s.path("deploy");
        if (d.isMissingNode()) {
            return;
        }
        d.fieldNames().forEachRemaining(k -> {
            if (!DEPLOY_KEYS.contains(k)) {
                out.add(where + "unknown deploy key " + k);
            }
        });
        JsonNode replicas = d.path("replicas");
        if (!replicas.isMissingNode() && !replicas.canConvertToInt()
                && !INTERPOLATION.matcher(replicas.asText()).matches()) {
            out.add(where + "deploy.replicas must be a number");
        }
    }

    private static void checkNetworks(JsonNode s, String where, List<String> out) {
        JsonNode n = s.path("networks");
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                JsonNode aliases = e.getValue().path("aliases");
                if (!aliases.isMissingNode() && !aliases.isArray()) {
                    out.add(where + "network " + e.getKey() + " aliases must be a list");
                }
            });
        } else if (!n.isMissingNode() && !n.isArray()) {
            out.add(where + "networks must be a list or a mapping");
        }
    }

    private static void checkDependencies(String name, JsonNode s, Map<String, JsonNode> services,
                                          Set<String> healthyImages, List<String> out) {
        JsonNode deps = s.path("depends_on");
        if (deps.isMissingNode()) {
            return;
        }
        String where = "service " + name + ": ";
        if (!deps.isObject()) {
            out.add(where + "depends_on must name each service with a condition");
            return;
        }
        deps.fields().forEachRemaining(e -> {
            String dep = e.getKey();
            if (!services.containsKey(dep)) {
                out.add(where + "depends on unknown service " + dep);
                return;
            }
            e.getValue().fieldNames().forEachRemaining(k -> {
                if (!DEPENDENCY_KEYS.contains(k)) {
                    out.add(where + "unknown depends_on key " + k);
                }
            });
            String condition = e.getValue().path("condition").asText("");
            if (!CONDITIONS.contains(condition)) {
                out.add(where + "depends_on " + dep + " needs a condition (" + CONDITIONS + ")");
            }
            JsonNode target = services.get(dep);
            if (condition.equals("service_healthy") && !target.has("healthcheck") && !healthyImages.contains(dep)) {
                out.add(where + "waits for " + dep + " to be healthy, but " + dep + " has no health check");
            }
            if (condition.equals("service_completed_successfully") && !"no".equals(target.path("restart").asText())) {
                out.add(where + "waits for " + dep + " to complete, but " + dep + " restarts");
            }
        });
    }

    private static void cycles(Map<String, JsonNode> services, List<String> out) {
        Map<String, Integer> state = new HashMap<>();
        for (String s : services.keySet()) {
            visit(s, services, state, new ArrayList<>(), out);
        }
    }

    private static void visit(String s, Map<String, JsonNode> services, Map<String, Integer> state, List<String> path,
                              List<String> out) {
        Integer st = state.get(s);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            out.add("dependency cycle: " + String.join(" -> ", path) + " -> " + s);
            return;
        }
        state.put(s, 1);
        path.add(s);
        JsonNode deps = services.get(s) == null ? null : services.get(s).path("depends_on");
        if (deps != null && deps.isObject()) {
            deps.fieldNames().forEachRemaining(d -> {
                if (services.containsKey(d)) {
                    visit(d, services, state, path, out);
                }
            });
        }
        path.remove(path.size() - 1);
        state.put(s, 2);
    }

    /** The variables a compose file interpolates, {@code ${NAME}} and {@code ${NAME:?...}} / {@code ${NAME:-...}}. */
    static Set<String> interpolated(String text) {
        Set<String> out = new java.util.TreeSet<>();
        var m = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
