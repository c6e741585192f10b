package dev.orgmfa.keycloak.policy;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code mfa.methods} attribute: a comma list of {@code totp} and {@code webauthn}. Absent, blank
 * or with no entry that reads, it is {@code totp}, the factor every member can set up: a typo never
 * leaves members with no way to meet the policy, and never adds a method the admin did not name.
 */
public final class AllowedMethods {

    public static final Set<MfaMethod> DEFAULT = Collections.unmodifiableSet(EnumSet.of(MfaMethod.TOTP));
    public static final Set<MfaMethod> ALL = Collections.unmodifiableSet(EnumSet.allOf(MfaMethod.class));

    private AllowedMethods() {}

    /** The methods the value names; unknown entries are ignored; none left: {@link #DEFAULT}. */
    public static Set<MfaMethod> parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        EnumSet<MfaMethod> methods = EnumSet.noneOf(MfaMethod.class);
        entries(value).map(MfaMethod::parse).flatMap(Optional::stream).forEach(methods::add);
        return methods.isEmpty() ? DEFAULT : Collections.unmodifiableSet(methods);
    }

    /** Whether the value has an entry that is neither {@code totp} nor {@code webauthn}. */
    public static boolean isUnrecognized(String value) {
        return value != null
                && !value.isBlank()
                && entries(value).anyMatch(entry -> MfaMethod.parse(entry).isEmpty());
    }

    /** The attribute value, in the enum's order, e.g. {@code totp,webauthn}. */
    public static String format(Set<MfaMethod> methods) {
        return methods.stream().sorted().map(MfaMethod::value).collect(Collectors.joining(","));
    }

    /** Methods every source allows; none in common: {@link #DEFAULT}. */
    static Set<MfaMethod> common(Set<MfaMethod> a, Set<MfaMethod> b) {
        EnumSet<MfaMethod> both = a.isEmpty() ? EnumSet.noneOf(MfaMethod.class) : EnumSet.copyOf(a);
        both.retainAll(b);
        return both.isEmpty() ? DEFAULT : Collections.unmodifiableSet(both);
    }

    private static java.util.stream.Stream<String> entries(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(entry -> !entry.isEmpty());
    }
}
