package io.jieneng.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a query's macros and template variables the way Grafana does before a query reaches InfluxDB or
 * PostgreSQL, for what the dashboards use: InfluxQL {@code $timeFilter}, {@code $__interval}; SQL
 * {@code $__timeFrom()}, {@code $__timeTo()}, {@code $__timeFilter(column)}; variables as {@code $name} and
 * {@code ${name}}, formatted per datasource (InfluxDB: regex-escaped, several values as {@code (a|b)}; PostgreSQL:
 * several values as {@code 'a','b'}). Anything else that looks like a macro is an error, so a dashboard cannot use
 * a macro this test does not understand.
 */
final class GrafanaInterpolation {

    /** A variable's definition and current selection. {@code all} is the "All" option. */
    record Selection(boolean multi, boolean includeAll, String allValue, List<String> values, boolean all) {
    }

    /** The time range of a panel: Grafana's raw strings and the instants they stand for. */
    record Range(String rawFrom, String rawTo, Instant from, Instant to) {

        private static final Pattern RELATIVE = Pattern.compile("now-(\\d+)([smhdwy])");

        /** Resolves Grafana's {@code now-7d}, {@code now/y} and {@code now} against {@code now}, in {@code zone}. */
        static Range of(String rawFrom, String rawTo, Instant now, ZoneId zone) {
            return new Range(rawFrom, rawTo, resolve(rawFrom, now, zone), resolve(rawTo, now, zone));
        }

        private static Instant resolve(String raw, Instant now, ZoneId zone) {
            if (raw.equals("now")) {
                return now;
            }
            if (raw.equals("now/y")) {
                return now.atZone(zone).withDayOfYear(1).truncatedTo(ChronoUnit.DAYS).toInstant();
            }
            if (raw.equals("now/d")) {
                return now.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
            }
            Matcher m = RELATIVE.matcher(raw);
            if (m.matches()) {
                return now.minus(amount(Long.parseLong(m.group(1)), m.group(2)));
            }
            throw new IllegalArgumentException("time " + raw + " is not one this test resolves");
        }

        private static Duration amount(long n, String unit) {
            return switch (unit) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            };
        }

        /** Grafana's InfluxQL time filter: relative to now() when the range is "now-N to now", else in epoch ms. */
        String influxFilter() {
            Matcher m = RELATIVE.matcher(rawFrom);
            if (m.matches() && rawTo.equals("now") && !m.group(2).equals("y")) {
                return "time >= now() - " + m.group(1) + m.group(2) + " and time <= now()";
            }
            return "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms";
        }
    }

    /** Grafana's interval steps ({@code kbn.roundInterval} picks among these). */
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7),
            Duration.ofDays(30));
    /** About the width of a panel in pixels: Grafana's maxDataPoints. */
    private static final long MAX_DATA_POINTS = 1000;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");
    private static final Pattern SQL_MACRO = Pattern.compile("\\$__(timeFrom|timeTo)\\(\\)|\\$__timeFilter\\(([^)]+)\\)");
    private static final Pattern LEFTOVER = Pattern.compile("\\$(\\{|\\w)|\\[\\[");
    private static final Set<String> SUPPORTED_FORMATS = Set.of("regex", "raw", "sqlstring");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    private final Map<String, Selection> variables = new LinkedHashMap<>();

    void set(String name, Selection selection) {
        variables.put(name, selection);
    }

    Map<String, Selection> variables() {
        return variables;
    }

    /** The InfluxQL Grafana would send for {@code query} on {@code range}, with {@code minInterval} (or null). */
    String influx(String query, Range range, String minInterval) {
        String out = query.replace("$timeFilter", range.influxFilter())
                .replace("$__interval", intervalText(interval(range, minInterval)));
        out = variables(out, Dialect.INFLUX);
        return checked(out, query);
    }

    /** The SQL Grafana would send for {@code query} on {@code range}. */
    String sql(String query, Range range) {
        Matcher m = SQL_MACRO.matcher(query);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement;
            if ("timeFrom".equals(m.group(1))) {
                replacement = quoted(range.from());
            } else if ("timeTo".equals(m.group(1))) {
                replacement = quoted(range.to());
            } else {
                replacement = m.group(2).trim() + " BETWEEN " + quoted(range.from()) + " AND " + quoted(range.to());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return checked(variables(sb.toString(), Dialect.SQL), query);
    }

    private static String quoted(Instant t) {
        return "'" + RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS)) + "'";
    }

    /** Grafana's $__interval: the range over the data points, rounded to a step, never below the panel's minimum. */
    static Duration interval(Range range, String minInterval) {
        Duration raw = Duration.between(range.from(), range.to()).dividedBy(MAX_DATA_POINTS);
        Duration min = minInterval == null ? Duration.ofSeconds(10) : parse(minInterval);
        Duration wanted = raw.compareTo(min) < 0 ? min : raw;
        for (Duration step : STEPS) {
            if (step.compareTo(wanted) >= 0) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    static Duration parse(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("interval " + text + " is not one this test parses");
        };
    }

    static String intervalText(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    private enum Dialect { INFLUX, SQL }

    private String variables(String text, Dialect dialect) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String format = m.group(2);
            Selection s = variables.get(name);
            if (s == null) {
                throw new IllegalStateException("no value for $" + name + " (undefined variable or unknown macro)");
            }
            if (format != null && !SUPPORTED_FORMATS.contains(format)) {
                throw new IllegalStateException("format :" + format + " of $" + name + " is not one this test "
                        + "implements");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(format(s, dialect, format)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String format(Selection s, Dialect dialect, String format) {
        if (s.all() && s.allValue() != null) {
            return s.allValue();
        }
        List<String> values = s.values();
        boolean single = !s.multi() && !s.includeAll();
        if ("raw".equals(format)) {
            return String.join(",", values);
        }
        if (dialect == Dialect.SQL || "sqlstring".equals(format)) {
            if (single && !"sqlstring".equals(format)) {
                return values.get(0).replace("'", "''");
            }
            List<String> quoted = new ArrayList<>();
            values.forEach(v -> quoted.add("'" + v.replace("'", "''") + "'"));
            return String.join(",", quoted);
        }
        if (single && !"regex".equals(format)) {
            return values.get(0);
        }
        List<String> escaped = new ArrayList<>();
        values.forEach(v -> escaped.add(escapeRegex(v)));
        return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
    }

    /** Grafana's regex escaping of variable values for InfluxQL. */
    static String escapeRegex(String value) {
        return value.replaceAll("[\\\\^$*+?.()|{}\\[\\]/]", "\\\\$0");
    }

    private static String checked(String out, String original) {
        Matcher leftover = LEFTOVER.matcher(out);
        if (leftover.find()) {
            throw new IllegalStateException("a macro was left unsubstituted at '"
                    + out.substring(leftover.start(), Math.min(out.length(), leftover.start() + 20)) + "' in: "
                    + original);
        }
        return out;
    }

    /** Variables referenced by a query, macros aside. */
    static Set<String> references(String query) {
        String text = SQL_MACRO.matcher(query).replaceAll("").replace("$timeFilter", "").replace("$__interval", "")
                .replace("$__rate_interval", "");
        Set<String> out = new java.util.TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(3));
        }
        return out;
    }

    /** A day's local midnight, for ranges that start at it. */
    static Instant localMidnight(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        return z.toInstant();
    }
}
