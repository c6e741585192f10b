package dev.orgmfa.keycloak.admin;

/**
 * Whether a string can be the id of a user or an organization at all. Strings that cannot are
 * answered "not found" without asking the database: Keycloak's own lookups fail on some of them
 * (a federated-looking {@code f:x} without a second colon throws), and some databases reject
 * control characters.
 */
final class Ids {

    static final int MAX_LENGTH = 255;

    private Ids() {}

    static boolean isPlausible(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH) {
            return false;
        }
        // Control characters, and lone surrogates (which a JSON string can carry), are in no id.
        if (id.codePoints()
                .anyMatch(c ->
                        Character.isISOControl(c) || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))) {
            return false;
        }
        // Federated user ids are "f:<provider>:<external id>"; anything else starting "f:" breaks StorageId.
        if (id.startsWith("f:")) {
            int second = id.indexOf(':', 2);
            return second > 2 && second < id.length() - 1;
        }
        return true;
    }
}
