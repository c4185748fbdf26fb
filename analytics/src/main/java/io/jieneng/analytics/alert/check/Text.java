package io.jieneng.analytics.alert.check;

import java.util.Locale;

/** Alert messages are formatted the same whatever the server's locale (a decimal point, never a comma). */
final class Text {

    private Text() {
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
