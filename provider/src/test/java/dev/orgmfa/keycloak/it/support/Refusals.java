package dev.orgmfa.keycloak.it.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A refusal proven by what the user sees, not only by a missing session: back on the form, with the
 * error. A page that is merely "not signed in" also comes from a crash, an expired page or a wrong turn.
 */
public final class Refusals {

    /** One message for a wrong code, a used code, another user's code. */
    public static final String WRONG_CODE = "Sign-in failed. Check the code and try again.";

    public static final String LOCKED_ONE_MINUTE = "Too many failed attempts. Try again in one minute.";

    private Refusals() {}

    /** Not signed in, back on the form {@code formId}, showing {@code error}. */
    public static void assertRefused(Page page, String formId, String error, String what) {
        assertFalse(page.isSignedIn(), what + ": not signed in: " + page);
        assertTrue(page.has(formId), what + ": back on " + formId + ": " + page);
        assertTrue(
                page.errors().contains(error),
                what + ": the error \"" + error + "\", got \"" + page.errors() + "\" on " + page);
    }

    /** Refused on the TOTP code form ({@code org-mfa-totp-form}). */
    public static void assertCodeRefused(Page page, String error, String what) {
        assertRefused(page, "org-mfa-totp-form", error, what);
    }
}
