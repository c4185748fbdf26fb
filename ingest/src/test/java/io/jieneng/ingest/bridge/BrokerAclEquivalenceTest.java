package io.jieneng.ingest.bridge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EMQX ACL of the scale-out deployment (docker/emqx/acl.conf) and its Mosquitto equivalent
 * (docker/mosquitto/acl, which {@link MosquittoAclIT} runs on a real broker) grant exactly the same: every EMQX
 * allow rule has its Mosquitto line, and Mosquitto grants nothing no EMQX rule allows (both deny the rest: EMQX by
 * {@code no_match = deny} and its deny rules, Mosquitto by default). A rule added to one file only fails here.
 */
class BrokerAclEquivalenceTest {

    private static final Path EMQX_ACL = Path.of("..", "docker", "emqx", "acl.conf");
    private static final Path EMQX_CONF = Path.of("..", "docker", "emqx", "emqx.conf");
    private static final Path MOSQUITTO_ACL = Path.of("..", "docker", "mosquitto", "acl");
    private static final Pattern RULE = Pattern.compile("\\{\\s*(allow|deny)\\s*,\\s*(all|\\{\\s*(?:username|user)"
            + "\\s*,\\s*\"([^\"]+)\"\\s*})\\s*,\\s*(publish|subscribe|all)\\s*,\\s*\\[(.*?)]\\s*}\\s*\\.",
            Pattern.DOTALL);
    private static final Pattern TOPIC = Pattern.compile("\\{\\s*eq\\s*,\\s*\"([^\"]+)\"\\s*}|\"([^\"]+)\"");

    /** One grant: who ({@code *} for every user), read or write, and the topic in Mosquitto's placeholders. */
    record Grant(String who, String access, String topic) {
    }

    @Test
    void everyEmqxAllowRuleHasItsMosquittoLineAndMosquittoGrantsNothingElse() throws IOException {
        Set<Grant> emqx = emqxGrants();
        Set<Grant> mosquitto = mosquittoGrants();
        assertThat(emqx).as("grants of %s", EMQX_ACL).isNotEmpty();
        assertThat(mosquitto).as("what Mosquitto grants, against what EMQX allows").isEqualTo(emqx);
    }

    @Test
    void onlyTheBridgeUserMaySubscribeAndDevicesOnlyPublishTheirOwnTopic() throws IOException {
        for (Grant g : emqxGrants()) {
            if (g.access().equals("read")) {
                assertThat(g.who()).as("subscriber of %s", g.topic()).isEqualTo("jieneng-bridge");
            } else {
                assertThat(g.topic()).as("a publish grant for everyone names the user's own topic")
                        .isEqualTo("meters/%u/readings");
            }
        }
        String acl = Files.readString(EMQX_ACL);
        assertThat(acl).as("devices are refused every subscription, shared and system topics included")
                .containsPattern("\\{deny, all, subscribe, \\[\"#\", \"\\$share/#\", \"\\$SYS/#\"");
    }

    /**
     * The file is EMQX's first authorization source and everything unmatched is denied; authentication ties a
     * device's client id to its user name and the bridge's client ids to the bridge user, so no device can
     * connect under the bridge's client id (the session takeover of issue 12).
     */
    @Test
    void emqxUsesTheFileFirstDeniesTheRestAndTiesClientIdsToUserNames() throws IOException {
        String conf = Files.readString(EMQX_CONF);
        assertThat(conf).contains("no_match = deny");
        int file = conf.indexOf("type = file");
        int postgres = conf.indexOf("type = postgresql", conf.indexOf("authorization"));
        assertThat(file).as("a file source in %s", EMQX_CONF).isPositive();
        assertThat(file).as("the file source comes before the registry's").isLessThan(postgres);
        assertThat(conf).contains("path = \"/opt/emqx/etc/acl.conf\"");
        String authn = conf.substring(conf.indexOf("authentication"), conf.indexOf("authorization"));
        assertThat(authn).contains("device_id = ${username}").contains("${clientid}::text = ${username}::text")
                .contains("${username}::text = 'jieneng-bridge' AND ${clientid}::text LIKE 'jieneng-bridge-%'");
    }

    static Set<Grant> emqxGrants() throws IOException {
        String text = Files.readString(EMQX_ACL).replaceAll("(?m)^\\s*%%.*$", "");
        Set<Grant> out = new LinkedHashSet<>();
        Matcher m = RULE.matcher(text);
        int rules = 0;
        while (m.find()) {
            rules++;
            if (m.group(1).equals("deny")) {
                continue;
            }
            String who = m.group(3) == null ? "*" : m.group(3);
            List<String> access = switch (m.group(4)) {
                case "publish" -> List.of("write");
                case "subscribe" -> List.of("read");
                default -> List.of("read", "write");
            };
            Matcher t = TOPIC.matcher(m.group(5));
            while (t.find()) {
                String topic = (t.group(1) != null ? t.group(1) : t.group(2)).replace("${username}", "%u")
                        .replace("${clientid}", "%c");
                access.forEach(a -> out.add(new Grant(who, a, topic)));
            }
        }
        long tuples = Pattern.compile("(?m)^\\s*\\{").matcher(text).results().count();
        assertThat(rules).as("every rule of %s is one this test understands", EMQX_ACL).isEqualTo(tuples)
                .isPositive();
        return out;
    }

    static Set<Grant> mosquittoGrants() throws IOException {
        Set<Grant> out = new LinkedHashSet<>();
        String user = null;
        List<String> unknown = new ArrayList<>();
        for (String raw : Files.readAllLines(MOSQUITTO_ACL)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f[0].equals("user") && f.length == 2) {
                user = f[1];
            } else if ((f[0].equals("topic") || f[0].equals("pattern")) && f.length == 3) {
                // A pattern applies to every user wherever it stands; a topic line to the user block it is in.
                String who = f[0].equals("pattern") ? "*" : user;
                if (who == null) {
                    unknown.add(line + " (a topic line before any user line applies to anonymous clients)");
                    continue;
                }
                for (String a : f[1].equals("readwrite") ? List.of("read", "write") : List.of(f[1])) {
                    out.add(new Grant(who, a, f[2]));
                }
            } else {
                unknown.add(line);
            }
        }
        assertThat(unknown).as("lines of %s this test does not understand", MOSQUITTO_ACL).isEmpty();
        return out;
    }
}
