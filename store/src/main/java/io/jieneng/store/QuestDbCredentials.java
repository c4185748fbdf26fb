package io.jieneng.store;

/**
 * How this process proves itself to an external QuestDB's HTTP endpoint (line-protocol writes and {@code /exec}):
 * HTTP basic authentication ({@code http.user}/{@code http.password} in QuestDB's server.conf, open source), a
 * bearer token (QuestDB Enterprise), or nothing. At most one of the two is set.
 *
 * @param user     basic-authentication user, or {@code null}
 * @param password its password, or {@code null}
 * @param token    bearer token, or {@code null}
 */
public record QuestDbCredentials(String user, String password, String token) {

    public static final QuestDbCredentials NONE = new QuestDbCredentials(null, null, null);

    public QuestDbCredentials {
        user = blankToNull(user);
        password = blankToNull(password);
        token = blankToNull(token);
        if (token != null && (user != null || password != null)) {
            throw new IllegalArgumentException("JIENENG_QUESTDB_TOKEN and JIENENG_QUESTDB_USER/_PASSWORD exclude "
                    + "each other: set the token (QuestDB Enterprise) or the user and password (HTTP basic)");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("JIENENG_QUESTDB_USER and JIENENG_QUESTDB_PASSWORD are set together: "
                    + "QuestDB's HTTP basic authentication needs both");
        }
    }

    public boolean isBasic() {
        return user != null;
    }

    public boolean isToken() {
        return token != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        // The secrets stay out of logs.
        return isBasic() ? "basic(" + user + ")" : isToken() ? "token" : "none";
    }
}
