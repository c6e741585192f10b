package dev.orgmfa.keycloak.admin;

/** Field names taken from the caller, made safe to echo back in an error. */
final class Fields {

    static final int MAX_ECHO = 64;

    private Fields() {}

    /** At most {@value #MAX_ECHO} characters, control characters replaced by {@code ?}. */
    static String printable(String name) {
        String cut = name.length() > MAX_ECHO ? name.substring(0, MAX_ECHO) + "..." : name;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
