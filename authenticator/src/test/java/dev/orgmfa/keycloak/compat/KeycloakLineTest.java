package dev.orgmfa.keycloak.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeycloakLineTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "26.7.0, true",
        "26.7.3, true",
        "26.7.5, true",
        "26.8.0, true",
        "27.0.0, true",
        "999.0.0-SNAPSHOT, true",
        "26.6.4, false",
        "26.5.6, false",
        "26.4.7, false",
        "26.4.7.redhat-00001, false",
        "25.0.6, false",
        "26, false",
        "unknown, false",
        "'', false",
        "v26.7.0, false",
        "26.x, false"
    })
    void organizationPermissionsFrom26Point7(String version, boolean expected) {
        assertEquals(expected, KeycloakLine.atLeast(version, 26, 7));
    }
}
