package io.jieneng.analytics.report;

import io.jieneng.analytics.error.ApiException;

/** The formats an audit report is rendered in; each renders the same {@link AuditReport}. */
public enum ReportFormat {
    JSON("json", "application/json", false),
    CSV("csv", "text/csv; charset=UTF-8", true),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true),
    HTML("html", "text/html; charset=UTF-8", false);

    private final String extension;
    private final String contentType;
    private final boolean attachment;

    ReportFormat(String extension, String contentType, boolean attachment) {
        this.extension = extension;
        this.contentType = contentType;
        this.attachment = attachment;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * Spreadsheet formats download as files; json and html open in the browser (the html is meant to be read and
     * printed there), still with a file name for "save as".
     */
    public boolean attachment() {
        return attachment;
    }

    /** {@code json} when absent; 400 for an unknown format. */
    public static ReportFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return JSON;
        }
        for (ReportFormat f : values()) {
            if (f.extension.equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw ApiException.badRequest("invalid parameter",
                "format '" + value + "' is not one of json, csv, xlsx, html");
    }
}
