package io.jieneng.analytics.report;

import io.jieneng.analytics.error.ApiException;

import java.util.Locale;

/** The language of an audit report's labels and texts: Chinese by default, English on request. */
public enum ReportLang {
    ZH("zh", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    ReportLang(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /** {@code zh} when absent; 400 for anything but {@code zh} or {@code en}. */
    public static ReportLang parse(String value) {
        if (value == null || value.isBlank()) {
            return ZH;
        }
        for (ReportLang l : values()) {
            if (l.tag.equalsIgnoreCase(value.trim())) {
                return l;
            }
        }
        throw ApiException.badRequest("invalid parameter", "lang '" + value + "' is not one of zh, en");
    }
}
