package io.jieneng.analytics.it;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link FreshPlatform} whose login throttle allows many failures: {@link AccessMatrixIT} sends a wrong password
 * to every operation, which with the production limits (5 per user and address, 20 per address) would lock the
 * test's loopback address out and turn every later answer into a 401 that proves nothing.
 */
public class AccessMatrixPlatform extends FreshPlatform {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("jieneng.login.max-failures", "100000");
        config.put("jieneng.login.max-failures-per-address", "100000");
        config.put("jieneng.login.admin-max-failures", "100000");
        return config;
    }
}
