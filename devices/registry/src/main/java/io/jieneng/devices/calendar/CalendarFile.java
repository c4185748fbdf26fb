package io.jieneng.devices.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks a holiday calendar file (JSON, format in docs/ALERTS.md). Every mistake that would silently
 * shift working hours is refused with the file and the entry named: an unknown field, a date outside its year, a
 * holiday range backwards or longer than a month, a date listed twice, or an adjusted working day that falls on
 * a day that is a working day anyway (the usual sign of a mistyped date).
 */
public final class CalendarFile {

    /** The bundled file: mainland China 2025 and 2026. */
    public static final String BUNDLED = "calendar/cn-holidays.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROOT_FIELDS = Set.of("version", "description", "years");
    private static final Set<String> YEAR_FIELDS = Set.of("year", "source", "holidays", "workdays", "verify", "note");
    private static final Set<String> HOLIDAY_FIELDS = Set.of("name", "from", "to", "verify", "note");
    private static final Set<String> WORKDAY_FIELDS = Set.of("date", "name", "verify", "note");
    /** The longest official holiday so far is 9 days; a month catches a mistyped month without limiting much. */
    private static final int MAX_HOLIDAY_DAYS = 31;
    /** Arrangements reach into the neighbouring year by a few days (2024's New Year holiday began 2023-12-30). */
    private static final int MAX_DAYS_OUTSIDE_YEAR = 31;

    private CalendarFile() {
    }

    /** The bundled calendar, or the file {@code path}, checked against the {@code workingDays} in force. */
    public static HolidayTable load(Optional<Path> path, Set<DayOfWeek> workingDays) {
        if (path.isPresent()) {
            Path file = path.get();
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString(), workingDays);
            } catch (IOException e) {
                throw new CalendarException("cannot read the calendar file " + file + " (JIENENG_CALENDAR_FILE): "
                        + e.getMessage(), e);
            }
        }
        try (InputStream in = CalendarFile.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new CalendarException("the bundled calendar " + BUNDLED + " is missing from the class path");
            }
            return read(in, "classpath:" + BUNDLED, workingDays);
        } catch (IOException e) {
            throw new CalendarException("cannot read the bundled calendar " + BUNDLED, e);
        }
    }

    /** Parses and checks a calendar file; {@code origin} names it in error messages. */
    public static HolidayTable read(InputStream in, String origin, Set<DayOfWeek> workingDays) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new CalendarException("calendar " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CalendarException("calendar " + origin + " must be a JSON object");
        }
        checkFields(root, ROOT_FIELDS, "calendar " + origin);
        String version = text(root, "version", "calendar " + origin);
        JsonNode years = root.get("years");
        if (years == null || !years.isArray() || years.isEmpty()) {
            throw new CalendarException("calendar " + origin + " needs a non-empty array \"years\"");
        }
        Map<LocalDate, OfficialDay> days = new HashMap<>();
        Set<Integer> covered = new HashSet<>();
        List<String> verify = new ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            readYear(years.get(i), origin + " years[" + i + "]", workingDays, days, covered, verify);
        }
        return new HolidayTable(version, origin, days, covered, verify);
    }

    private static void readYear(JsonNode node, String where, Set<DayOfWeek> workingDays,
                                 Map<LocalDate, OfficialDay> days, Set<Integer> covered, List<String> verify) {
        if (!node.isObject()) {
            throw new CalendarException(where + " must be an object");
        }
        JsonNode yearNode = node.get("year");
        if (yearNode == null || !yearNode.isInt() || yearNode.asInt() < 1970 || yearNode.asInt() > 9999) {
            throw new CalendarException(where + ": \"year\" must be a four-digit year from 1970, such as 2026");
        }
        int year = yearNode.asInt();
        String here = where + " (" + year + ")";
        checkFields(node, YEAR_FIELDS, here);
        if (!covered.add(year)) {
            throw new CalendarException(here + ": the year " + year + " is listed twice");
        }
        text(node, "source", here);
        note(node, here, verify);
        JsonNode holidays = array(node, "holidays", here);
        for (int i = 0; i < holidays.size(); i++) {
            readHoliday(holidays.get(i), here + " holidays[" + i + "]", year, days, verify);
        }
        JsonNode workdays = array(node, "workdays", here);
        for (int i = 0; i < workdays.size(); i++) {
            readWorkday(workdays.get(i), here + " workdays[" + i + "]", year, workingDays, days, verify);
        }
    }

    private static void readHoliday(JsonNode node, String where, int year, Map<LocalDate, OfficialDay> days,
                                    List<String> verify) {
        if (!node.isObject()) {
            throw new CalendarException(where + " must be an object");
        }
        checkFields(node, HOLIDAY_FIELDS, where);
        String name = text(node, "name", where);
        String here = where + " (" + name + ")";
        LocalDate from = date(node, "from", here, year);
        LocalDate to = date(node, "to", here, year);
        if (to.isBefore(from)) {
            throw new CalendarException(here + ": \"to\" " + to + " is before \"from\" " + from
                    + " (both are inclusive)");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_HOLIDAY_DAYS) {
            throw new CalendarException(here + ": " + from + " to " + to + " is longer than " + MAX_HOLIDAY_DAYS
                    + " days; check the month");
        }
        note(node, here, verify);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            put(days, new OfficialDay(d, OfficialDay.Kind.HOLIDAY, name, year), here);
        }
    }

    private static void readWorkday(JsonNode node, String where, int year, Set<DayOfWeek> workingDays,
                                    Map<LocalDate, OfficialDay> days, List<String> verify) {
        if (!node.isObject()) {
            throw new CalendarException(where + " must be an object");
        }
        checkFields(node, WORKDAY_FIELDS, where);
        String name = text(node, "name", where);
        String here = where + " (" + name + ")";
        LocalDate date = date(node, "date", here, year);
        if (workingDays.contains(date.getDayOfWeek())) {
            throw new CalendarException(here + ": " + date + " is a "
                    + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ", a working day anyway; an adjusted working day (调休上班) falls on a rest day such as a "
                    + "Saturday or Sunday, so the date is probably mistyped");
        }
        note(node, here, verify);
        put(days, new OfficialDay(date, OfficialDay.Kind.WORKDAY, name, year), here);
    }

    private static void put(Map<LocalDate, OfficialDay> days, OfficialDay day, String where) {
        OfficialDay before = days.putIfAbsent(day.date(), day);
        if (before != null) {
            throw new CalendarException(where + ": " + day.date() + " is already listed as "
                    + (before.kind() == OfficialDay.Kind.HOLIDAY ? "a holiday" : "an adjusted working day")
                    + " (" + before.name() + ", " + before.year() + "); a date may appear once");
        }
    }

    private static LocalDate date(JsonNode node, String field, String where, int year) {
        String text = text(node, field, where);
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CalendarException(where + ": \"" + field + "\" '" + text + "' is not a date such as "
                    + year + "-10-01", e);
        }
        LocalDate first = LocalDate.of(year, 1, 1).minusDays(MAX_DAYS_OUTSIDE_YEAR);
        LocalDate last = LocalDate.of(year, 12, 31).plusDays(MAX_DAYS_OUTSIDE_YEAR);
        if (date.isBefore(first) || date.isAfter(last)) {
            throw new CalendarException(where + ": " + date + " is not in " + year
                    + " (nor within a month of it); check the year");
        }
        return date;
    }

    private static void note(JsonNode node, String where, List<String> verify) {
        JsonNode v = node.get("verify");
        if (v == null) {
            return;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new CalendarException(where + ": \"verify\" must be a non-empty text saying what to check");
        }
        verify.add(where + ": " + v.asText().trim());
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode a = node.get(field);
        if (a == null) {
            return JSON.createArrayNode();
        }
        if (!a.isArray()) {
            throw new CalendarException(where + ": \"" + field + "\" must be an array");
        }
        return a;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new CalendarException(where + " needs a non-empty string \"" + field + "\"");
        }
        return v.asText().trim();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new CalendarException(where + ": unknown field \"" + name + "\" (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
