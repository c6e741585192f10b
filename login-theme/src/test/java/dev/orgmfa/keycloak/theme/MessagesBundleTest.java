package dev.orgmfa.keycloak.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The templates and the message bundles fit together: every key a template or our Java code asks
 * for is in every language, the languages have the same keys, each value formats as Keycloak will
 * format it, and the templates carry no text of their own.
 */
class MessagesBundleTest {

    private static final Path THEME = Path.of(System.getProperty("basedir", "."), "src/main/resources/theme-resources");
    private static final Path TEMPLATES = THEME.resolve("templates");
    private static final Path MESSAGES = THEME.resolve("messages");
    /** The other modules, whose Java code names message keys (form errors, credential type texts). */
    private static final Path PROJECT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    /** {@code msg("key"} with a literal key, anywhere in a template. */
    private static final Pattern MSG_LITERAL = Pattern.compile("\\bmsg\\(\\s*\"([^\"]+)\"");
    /** {@code msg(} followed by anything but a literal. */
    private static final Pattern MSG_OTHER = Pattern.compile("\\bmsg\\(\\s*([^\"\\s][^,)]*)");
    /**
     * The only non-literal key: the names of authenticator apps (OTPApplicationProvider.getName()),
     * message keys such as totpAppFreeOTPName that Keycloak's own login bundles define.
     */
    private static final Set<String> KEYS_FROM_KEYCLOAK = Set.of("app");

    private static final Pattern JAVA_KEY = Pattern.compile("\"(orgMfa\\.[A-Za-z0-9.]+)\"");

    @Test
    void thereAreEnglishAndGermanBundles() {
        assertTrue(
                bundles().keySet().containsAll(Set.of("en", "de")),
                bundles().keySet().toString());
    }

    @Test
    void everyKeyATemplateUsesIsInEveryBundle() {
        Set<String> used = templateKeys();
        assertFalse(used.isEmpty());
        bundles().forEach((language, bundle) -> {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(bundle.stringPropertyNames());
            assertEquals(
                    Set.of(), missing, "keys used in templates but missing in messages_" + language + ".properties");
        });
    }

    @Test
    void templatesAskOnlyForLiteralKeys() {
        templates().forEach((name, text) -> {
            Matcher other = MSG_OTHER.matcher(text);
            while (other.find()) {
                assertTrue(
                        KEYS_FROM_KEYCLOAK.contains(other.group(1).trim()),
                        name + " asks for a message by expression, which this test cannot check: msg("
                                + other.group(1));
            }
        });
    }

    @Test
    void everyKeyTheJavaCodeUsesIsInEveryBundle() {
        Set<String> used = javaKeys();
        assertFalse(used.isEmpty(), "no orgMfa.* keys found in the Java sources under " + PROJECT);
        bundles().forEach((language, bundle) -> {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(bundle.stringPropertyNames());
            assertEquals(Set.of(), missing, "keys used in Java but missing in messages_" + language + ".properties");
        });
    }

    @Test
    void everyBundleHasTheSameKeys() {
        Map<String, Properties> bundles = bundles();
        Set<String> english = bundles.get("en").stringPropertyNames();
        bundles.forEach((language, bundle) -> assertEquals(
                new TreeSet<>(english),
                new TreeSet<>(bundle.stringPropertyNames()),
                "messages_" + language + ".properties against messages_en.properties"));
    }

    @Test
    void everyOrgMfaKeyIsUsed() {
        Set<String> used = new TreeSet<>(templateKeys());
        used.addAll(javaKeys());
        Set<String> unused = bundles().get("en").stringPropertyNames().stream()
                .filter(key -> key.startsWith("orgMfa."))
                .filter(key -> !used.contains(key))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unused, "keys no template and no Java code uses");
    }

    @Test
    void keysAreNamespaced() {
        bundles()
                .forEach((language, bundle) -> bundle.stringPropertyNames()
                        .forEach(key -> assertTrue(
                                key.startsWith("orgMfa.") || key.startsWith("org-mfa-"),
                                key + " in messages_" + language
                                        + ": keys are orgMfa.*, or a provider id (required action names)")));
    }

    /**
     * Keycloak formats every message with java.text.MessageFormat, arguments or not: a single
     * apostrophe would start a quote and vanish, so it is written as two.
     */
    @Test
    void everyValueFormatsAsKeycloakWillFormatIt() {
        bundles()
                .forEach((language, bundle) -> bundle.stringPropertyNames().forEach(key -> {
                    String value = bundle.getProperty(key);
                    assertFalse(
                            value.replace("''", "").contains("'"),
                            key + " in messages_" + language + " has a single apostrophe; write '' for one");
                    MessageFormat format = new MessageFormat(value, java.util.Locale.forLanguageTag(language));
                    Object[] arguments = new Object[format.getFormatsByArgumentIndex().length];
                    for (int i = 0; i < arguments.length; i++) {
                        arguments[i] = 2;
                    }
                    String formatted = format.format(arguments);
                    assertFalse(
                            formatted.contains("{") || formatted.contains("}"),
                            key + " in " + language + " formats as " + formatted);
                }));
    }

    /**
     * Keycloak 26.4's msg() hands FreeMarker number models to MessageFormat as they are (26.5+
     * unwraps them), and {0,choice}, {0,number} and {0,date} throw "Cannot format given Object as a
     * Number" on them: an HTTP 500 on that line. So arguments are plain {0}, and templates pass strings.
     */
    @Test
    void noValueFormatsItsArgumentsAsNumbersOrDates() {
        Pattern typed = Pattern.compile("\\{\\s*\\d+\\s*,");
        bundles()
                .forEach(
                        (language, bundle) -> bundle.stringPropertyNames()
                                .forEach(
                                        key -> assertFalse(
                                                typed.matcher(bundle.getProperty(key))
                                                        .find(),
                                                key + " in messages_" + language
                                                        + " formats an argument ({0,...}); Keycloak 26.4 cannot: pick the plural in the template")));
    }

    @Test
    void pluralsReadRightInEnglishAndGerman() {
        Properties en = bundles().get("en");
        Properties de = bundles().get("de");
        assertEquals("You have one recovery code left.", en.getProperty("orgMfa.login.oneRecoveryCodeLeft"));
        assertEquals("You have 3 recovery codes left.", format(en, "orgMfa.login.lowRecoveryCodes", "3", "en"));
        assertEquals(
                "Sie haben nur noch einen Wiederherstellungscode.", de.getProperty("orgMfa.login.oneRecoveryCodeLeft"));
        assertEquals(
                "Sie haben noch 3 Wiederherstellungscodes.", format(de, "orgMfa.login.lowRecoveryCodes", "3", "de"));
        assertTrue(en.getProperty("orgMfa.grace.lessThanADayLeft").contains("You have less than a day left"));
        assertTrue(en.getProperty("orgMfa.grace.oneDayLeft").contains("You have one day left"));
        assertTrue(format(en, "orgMfa.grace.daysLeft", "7", "en").contains("You have 7 days left"));
        assertTrue(de.getProperty("orgMfa.grace.lessThanADayLeft").contains("weniger als einen Tag"));
        assertTrue(de.getProperty("orgMfa.grace.oneDayLeft").contains("noch einen Tag"));
        assertTrue(format(de, "orgMfa.grace.daysLeft", "7", "de").contains("noch 7 Tage"));
    }

    /** Text belongs in the bundles: what is left of a template without markup and FreeMarker has no words. */
    @Test
    void templatesHaveNoTextOfTheirOwn() {
        templates().forEach((name, text) -> {
            String rest = text.replaceAll("(?s)<#--.*?-->", " ")
                    .replaceAll("(?s)<!--.*?-->", " ")
                    .replaceAll("(?s)<script\\b.*?</script>", " ")
                    .replaceAll("(?s)<style\\b.*?</style>", " ")
                    .replaceAll("(?s)\\$\\{(?:[^{}]|\\{[^{}]*\\})*\\}", " ")
                    .replaceAll("(?s)</?[#@][^>]*>", " ")
                    .replaceAll("(?s)<[^>]*>", " ")
                    .replaceAll("&#?[A-Za-z0-9]+;", " ");
            List<String> words = new ArrayList<>();
            Matcher word = Pattern.compile("\\p{L}{2,}").matcher(rest);
            while (word.find()) {
                words.add(word.group());
            }
            assertEquals(List.of(), words, name + " has text of its own: put it in the message bundles");

            Matcher attribute = Pattern.compile("\\b(alt|title|aria-label|placeholder)=\"([^\"]*)\"")
                    .matcher(text);
            while (attribute.find()) {
                assertTrue(
                        attribute.group(2).isEmpty() || attribute.group(2).startsWith("${"),
                        name + ": " + attribute.group() + " should come from the bundles");
            }
        });
    }

    private static String format(Properties bundle, String key, Object argument, String language) {
        return new MessageFormat(bundle.getProperty(key), java.util.Locale.forLanguageTag(language))
                .format(new Object[] {argument});
    }

    private static Set<String> templateKeys() {
        Set<String> keys = new TreeSet<>();
        templates().values().forEach(text -> {
            Matcher literal = MSG_LITERAL.matcher(text);
            while (literal.find()) {
                keys.add(literal.group(1));
            }
        });
        return keys;
    }

    private static Set<String> javaKeys() {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> modules = Files.list(PROJECT)) {
            for (Path sources : modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file :
                            files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher key = JAVA_KEY.matcher(Files.readString(file));
                        while (key.find()) {
                            keys.add(key.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static Map<String, String> templates() {
        Map<String, String> templates = new TreeMap<>();
        // Walked, not listed: the e-mail templates live in html/ and text/.
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                templates.put(TEMPLATES.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(templates.isEmpty(), "no templates in " + TEMPLATES);
        return templates;
    }

    private static Map<String, Properties> bundles() {
        Map<String, Properties> bundles = new TreeMap<>();
        Pattern name = Pattern.compile("messages_([A-Za-z-]+)\\.properties");
        try (Stream<Path> files = Files.list(MESSAGES)) {
            for (Path file : files.toList()) {
                Matcher language = name.matcher(file.getFileName().toString());
                if (language.matches()) {
                    Properties bundle = new Properties();
                    // Keycloak reads theme bundles as UTF-8; ours keep to ASCII with \\u escapes, which reads the same
                    // either way.
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        bundle.load(reader);
                    }
                    bundles.put(language.group(1), bundle);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundles;
    }
}
