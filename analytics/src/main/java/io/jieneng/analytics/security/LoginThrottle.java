package io.jieneng.analytics.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins: after {@code maxFailures} failures for one key (a user name, or a client address) within
 * {@code window}, that key is locked for {@code lockout}; attempts while locked are refused without checking the
 * password, so a guesser learns nothing and costs no bcrypt time. A success clears the key's failures.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final int maxKeys;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        final Deque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
    }

    public LoginThrottle(int maxFailures, Duration window, Duration lockout, Clock clock, int maxKeys) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /** True while {@code key} is locked out. */
    public boolean isLocked(String key) {
        State s = states.get(key);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.lockedUntil > clock.millis();
        }
    }

    /** Records a failure; returns true when this failure locks the key. */
    public boolean failed(String key) {
        if (states.size() >= maxKeys && !states.containsKey(key)) {
            prune();
        }
        State s = states.computeIfAbsent(key, k -> new State());
        long now = clock.millis();
        synchronized (s) {
            s.failures.addLast(now);
            while (!s.failures.isEmpty() && s.failures.peekFirst() <= now - window.toMillis()) {
                s.failures.removeFirst();
            }
            if (s.failures.size() >= maxFailures && s.lockedUntil <= now) {
                s.lockedUntil = now + lockout.toMillis();
                s.failures.clear();
                return true;
            }
            return false;
        }
    }

    /** Forgets the failures of {@code key}. */
    public void succeeded(String key) {
        states.remove(key);
    }

    // Bounded memory under a spray of distinct names: forget keys that are neither locked nor recently failing.
    private void prune() {
        long now = clock.millis();
        states.entrySet().removeIf(e -> {
            State s = e.getValue();
            synchronized (s) {
                return s.lockedUntil <= now
                        && (s.failures.isEmpty() || s.failures.peekLast() <= now - window.toMillis());
            }
        });
    }
}
