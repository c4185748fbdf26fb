package io.jieneng.analytics.it;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One concrete request of {@link AccessMatrixIT} (an operation with its path parameters filled in) and the status
 * every caller must get. The two unauthenticated callers always expect {@code 401}; every user must be given an
 * expectation before the probe is used, so a new user column cannot be forgotten.
 */
final class AccessProbe {

    /** The callers of the matrix: two unauthenticated ones, then one user of each role and scope. */
    enum Who {
        ANONYMOUS("anon", null, null),
        WRONG_PASSWORD("bad-pw", "am-user-a", "not-the-password"),
        WRONG_ADMIN_PASSWORD("bad-admin-pw", "admin", "not-the-password"),
        ADMIN("admin", "admin", Api.ADMIN_PASSWORD),
        AUDITOR("auditor", "am-auditor", "auditor-pass"),
        /** Institution user of am-a (in the county 320506). */
        INST_A("inst-a", "am-user-a", "user-a-pass"),
        /** Institution user of am-b (in the city 320100). */
        INST_B("inst-b", "am-user-b", "user-b-pass"),
        /** Region user of the province 320000. */
        PROVINCE("prov", "am-jiangsu", "jiangsu-pass"),
        /** Region user of the city 320500, above the county 320506. */
        CITY("city-sz", "am-suzhou", "suzhou-pass"),
        /** Region user of the county 320506. */
        COUNTY("county-wz", "am-wuzhong", "wuzhong-pass"),
        /** Region user of the other city, 320100. */
        OTHER_CITY("city-nj", "am-nanjing", "nanjing-pass");

        final String label;
        final String user;
        final String password;

        Who(String label, String user, String password) {
            this.label = label;
            this.user = user;
            this.password = password;
        }

        boolean authenticated() {
            return this != ANONYMOUS && this != WRONG_PASSWORD && this != WRONG_ADMIN_PASSWORD;
        }

        static Set<Who> users() {
            Set<Who> s = EnumSet.noneOf(Who.class);
            for (Who w : values()) {
                if (w.authenticated()) {
                    s.add(w);
                }
            }
            return s;
        }
    }

    final String operation;
    final String method;
    final String url;
    String body;
    String contentType;
    final Map<Who, Integer> expected = new EnumMap<>(Who.class);
    /** For list operations: the exact set of institution ids each user with a 2xx must see in the rows. */
    final Map<Who, Set<String>> rows = new EnumMap<>(Who.class);

    /**
     * @param operation the operation as the OpenAPI document names it, {@code "GET /api/v1/alerts/{id}"}
     * @param url       the concrete path and query string sent
     */
    AccessProbe(String operation, String url) {
        this.operation = operation;
        this.method = operation.substring(0, operation.indexOf(' '));
        this.url = url;
        expected.put(Who.ANONYMOUS, 401);
        expected.put(Who.WRONG_PASSWORD, 401);
        expected.put(Who.WRONG_ADMIN_PASSWORD, 401);
    }

    /** {@code status} for each of {@code who} not already given one. */
    AccessProbe answer(int status, Set<Who> who) {
        who.forEach(w -> expected.putIfAbsent(w, status));
        return this;
    }

    AccessProbe answer(int status, Who first, Who... rest) {
        return answer(status, EnumSet.of(first, rest));
    }

    /** {@code status} for every user not already given one. */
    AccessProbe others(int status) {
        return answer(status, Who.users());
    }

    AccessProbe body(String contentType, String body) {
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    /** The rows {@code who} must see, as institution ids (for a list operation). */
    AccessProbe rows(Set<Who> who, String... institutions) {
        who.forEach(w -> rows.put(w, Set.of(institutions)));
        return this;
    }

    /** Fails unless every caller has an expectation. */
    AccessProbe complete() {
        if (expected.size() != Who.values().length) {
            Set<Who> missing = EnumSet.allOf(Who.class);
            missing.removeAll(expected.keySet());
            throw new IllegalStateException(operation + " " + url + " has no expectation for " + missing);
        }
        return this;
    }

    static Set<Who> set(Who... who) {
        return who.length == 0 ? Collections.emptySet() : EnumSet.copyOf(List.of(who));
    }
}
