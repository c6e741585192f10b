package dev.orgmfa.keycloak.bench;

import dev.orgmfa.keycloak.it.support.Totp;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * A pool of enrolled users handed out so that no user signs in twice in one TOTP time step:
 * Keycloak's replay protection (on by default, and kept by this extension) refuses a code twice,
 * so a benchmark that reused a user inside one step would measure refusals, not sign-ins.
 */
final class TotpUsers {

    record User(String username, Totp totp) {}

    private record Slot(User user, long lastStep) {}

    private static final long STEP_MILLIS = 30_000;

    private final Deque<Slot> idle = new ArrayDeque<>();

    TotpUsers(Collection<User> users) {
        users.forEach(u -> idle.add(new Slot(u, -1)));
    }

    int size() {
        return idle.size();
    }

    /** A user who has not signed in during the current step; waits for the next step if all have. */
    User take() throws InterruptedException {
        while (true) {
            synchronized (this) {
                Slot head = idle.peekFirst();
                if (head != null && head.lastStep() < currentStep()) {
                    return idle.pollFirst().user();
                }
            }
            Thread.sleep(STEP_MILLIS - System.currentTimeMillis() % STEP_MILLIS + 50);
        }
    }

    /** Gives the user back after a sign-in that used the code of the current step. */
    synchronized void giveBack(User user) {
        idle.addLast(new Slot(user, currentStep()));
    }

    private static long currentStep() {
        return System.currentTimeMillis() / STEP_MILLIS;
    }
}
