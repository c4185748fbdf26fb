package io.jieneng.analytics.report;

import java.util.List;

/**
 * An inline SVG chart as plain shapes in a {@code width × height} view box: Java computes the geometry
 * ({@link Charts}), the html template only draws it. Coordinates are rounded to hundredths.
 */
public record Chart(String title, int width, int height, List<Rect> rects, List<Line> lines, List<Label> labels,
                    List<Polyline> polylines, List<LegendItem> legend, String note) {

    /** A filled rectangle; {@code tip} becomes its SVG title (shown on hover, read by screen readers). */
    public record Rect(double x, double y, double w, double h, String fill, String tip) {
    }

    /** A straight line; {@code dash} is an SVG dash array or empty. */
    public record Line(double x1, double y1, double x2, double y2, String stroke, String dash) {
    }

    /** A text; {@code anchor} is start, middle or end. */
    public record Label(double x, double y, String text, String anchor, int size) {
    }

    /** A polyline through {@code points} ("x,y x,y ..."). */
    public record Polyline(String points, String stroke, String dash) {
    }

    /** A legend entry: a colour swatch and its text. */
    public record LegendItem(String color, String text, String dash) {
    }
}
