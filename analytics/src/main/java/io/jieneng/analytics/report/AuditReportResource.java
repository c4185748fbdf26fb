package io.jieneng.analytics.report;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Institution;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/v1/reports/audit/{institutionId}} (docs/CONTRACT.md §3, docs/DOMAIN.md §6). */
@Path("/api/v1/reports/audit/{institutionId}")
@Authenticated
public class AuditReportResource {

    @Inject
    AuditReportService reports;

    @Inject
    ReportRenderer renderer;

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType.TEXT_HTML})
    @Operation(summary = "Energy audit report of an institution for a year: json, csv, xlsx or printable html, "
            + "in zh or en")
    public Response get(@PathParam("institutionId") String institutionId,
                        @Parameter(description = "four-digit year in the deployment time zone; default: this year")
                        @QueryParam("year") String year,
                        @Parameter(description = "json (default), csv, xlsx or html")
                        @QueryParam("format") String format,
                        @Parameter(description = "zh (default) or en") @QueryParam("lang") String lang) {
        Institution institution = registry.current().institution(institutionId).orElseThrow(() ->
                ApiException.notFound("unknown institution", "no institution has the id " + institutionId));
        access.checkInstitution(identity, institution);
        int current = reports.currentYear();
        int y = TimeRange.parseYear(year, current);
        if (y > current) {
            throw ApiException.badRequest("invalid parameter", "year " + y + " has not begun in "
                    + "the deployment time zone; the latest year with a report is " + current);
        }
        ReportFormat f = ReportFormat.parse(format);
        ReportLang l = ReportLang.parse(lang);
        AuditReport report = reports.report(institution, y, l);
        return Response.ok(renderer.render(report, f, l))
                .header(HttpHeaders.CONTENT_TYPE, f.contentType())
                .header("Content-Disposition", disposition(report, f, l))
                .build();
    }

    /** {@code audit-<institution>-<year>-<lang>.<ext>}, ASCII-safe, with the exact id in {@code filename*}. */
    static String disposition(AuditReport report, ReportFormat f, ReportLang l) {
        String name = "audit-" + report.institutionId() + "-" + report.year() + "-" + l.tag() + "." + f.extension();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (f.attachment() ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
