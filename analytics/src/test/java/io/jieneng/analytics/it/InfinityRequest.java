package io.jieneng.analytics.it;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP request Grafana's Infinity datasource sends for one target of a dashboard, built from the dashboard
 * JSON as the plugin builds it (docs/DEPLOY.md, "What Grafana sends"):
 * <ul>
 * <li>URL: the datasource's URL followed by the target's {@code url}, template variables replaced in both; then
 *     {@code url_options.params} appended as {@code ?key=value&...}, each value URL-encoded after replacement;</li>
 * <li>method: {@code url_options.method} (GET when absent); headers: {@code url_options.headers}, replaced, plus
 *     {@code Authorization: Bearer <the viewer's access token>}, which {@code oauthPassThru} adds;</li>
 * <li>variables: {@code $name} and {@code ${name}} become the variable's current single value, unencoded;
 *     {@code $__from}, {@code ${__from}} (and {@code __to}) the range's epoch milliseconds;
 *     {@code ${__from:date:iso}} / {@code ${__from:date}} its ISO-8601 UTC instant with milliseconds, as moment's
 *     toISOString() gives; {@code ${__from:date:seconds}} epoch seconds.</li>
 * </ul>
 * Any other {@code $} expression is an error, so a dashboard cannot use a substitution this test does not model.
 */
final class InfinityRequest {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([\\w.]+)(?::([^}]*))?}|\\$([A-Za-z_]\\w*)");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Instant from;
    private final Instant to;

    InfinityRequest(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    InfinityRequest set(String variable, String value) {
        variables.put(variable, value);
        return this;
    }

    /** The request for {@code target} against a datasource whose URL is {@code base}, as a viewer with {@code token}. */
    HttpRequest build(String base, JsonNode target, String token) {
        StringBuilder url = new StringBuilder(base).append(replace(target.path("url").asText()));
        JsonNode options = target.path("url_options");
        String sep = url.indexOf("?") < 0 ? "?" : "&";
        for (JsonNode p : options.path("params")) {
            url.append(sep).append(encode(replace(p.path("key").asText()))).append('=')
                    .append(encode(replace(p.path("value").asText())));
            sep = "&";
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString()));
        for (JsonNode h : options.path("headers")) {
            b.header(h.path("key").asText(), replace(h.path("value").asText()));
        }
        b.header("Authorization", "Bearer " + token);
        String method = options.path("method").asText("GET");
        if (!method.equals("GET")) {
            throw new IllegalStateException("an institution-facing panel only reads; target " + target.path("refId")
                    + " uses " + method);
        }
        return b.GET().build();
    }

    /** The rows a target shows: {@code root_selector} applied to the answer, each row's {@code columns} picked. */
    static List<Map<String, JsonNode>> rows(JsonNode target, JsonNode answer) {
        String root = target.path("root_selector").asText("");
        JsonNode selected = root.isEmpty() ? answer : path(answer, root);
        List<JsonNode> items = new ArrayList<>();
        if (selected.isArray()) {
            selected.forEach(items::add);
        } else if (!selected.isMissingNode()) {
            items.add(selected);
        }
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode item : items) {
            Map<String, JsonNode> row = new LinkedHashMap<>();
            for (JsonNode c : target.path("columns")) {
                JsonNode v = path(item, c.path("selector").asText());
                if (v.isMissingNode()) {
                    throw new IllegalStateException("column " + c.path("selector").asText() + " of target "
                            + target.path("refId") + " is not in the answer: " + item);
                }
                row.put(c.path("text").asText(), v);
            }
            out.add(row);
        }
        return out;
    }

    private static JsonNode path(JsonNode node, String dotted) {
        JsonNode n = node;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    String replace(String text) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String format = m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(value(name, format, text)));
        }
        m.appendTail(sb);
        if (sb.indexOf("$") >= 0) {
            throw new IllegalStateException("an expression was left unreplaced in " + text);
        }
        return sb.toString();
    }

    private String value(String name, String format, String text) {
        if (name.equals("__from") || name.equals("__to")) {
            Instant t = name.equals("__from") ? from : to;
            if (format == null) {
                return Long.toString(t.toEpochMilli());
            }
            return switch (format) {
                case "date", "date:iso" -> ISO_MILLIS.format(t);
                case "date:seconds" -> Long.toString(t.getEpochSecond());
                default -> throw new IllegalStateException("format " + format + " of " + name + " in " + text
                        + " is not one this test models");
            };
        }
        String v = variables.get(name);
        if (v == null || format != null) {
            throw new IllegalStateException("no value (or an unmodelled format) for $" + name + " in " + text);
        }
        return v;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
