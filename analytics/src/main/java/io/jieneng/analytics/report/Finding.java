package io.jieneng.analytics.report;

import java.util.List;

/**
 * A finding with its recommendation, derived by a rule from the report's own figures (docs/REPORTS.md lists the
 * rules), citing the numbers that triggered it.
 *
 * @param rule           the rule's id, e.g. {@code pue_above_limit}
 * @param severity       {@code high}, {@code medium} or {@code info}
 * @param section        the report section the evidence comes from
 * @param subject        what the finding is about within the section (a data centre, a quota indicator), or null
 * @param evidence       the figures the rule compared, each in the unit its name carries
 * @param message        what was found, in the report's language, with the figures
 * @param recommendation what to do about it, in the report's language
 */
public record Finding(String rule, String severity, String section, String subject, List<Evidence> evidence,
                      String message,
                      String recommendation) {

    public Finding {
        evidence = List.copyOf(evidence);
    }

    /** The same finding worded in a language. */
    public Finding withText(String message, String recommendation) {
        return new Finding(rule, severity, section, subject, evidence, message, recommendation);
    }

    /** The cited figure called {@code name}. */
    public double value(String name) {
        return evidence.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(rule + " cites no " + name)).value();
    }

    /** One cited figure; {@code unit} is empty for a plain ratio. */
    public record Evidence(String name, double value, String unit) {
    }
}
