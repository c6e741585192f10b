package dev.orgmfa.keycloak.it.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * axe-core on a rendered page: serious and critical violations, measured against Keycloak's own
 * sign-in pages. keycloak.v2 itself has findings (e.g. the read-only attempted-username field has no
 * label), so "none at all" would fail on Keycloak's markup, not ours: a rule counts only when the
 * stock pages do not break it too.
 */
final class Accessibility {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    /**
     * Elements Keycloak's own template.ftl renders on every page after the username step, stock pages
     * included (keycloak.v2's read-only attempted-username field has no label: a critical "label"
     * finding on stock login-password.ftl and login-otp.ftl, see KEYCLOAK-NOTES). The demo realm's
     * stock page asks for username and password together, so the measured baseline cannot show it.
     */
    private static final Set<String> STOCK_TEMPLATE_NODES = Set.of("#kc-attempted-username");

    private Accessibility() {}

    /** Rule ids of the serious or critical violations on the page the driver shows. */
    static Set<String> violations(WebDriver driver) {
        Results results = new AxeBuilder().analyze(driver);
        return results.getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact()))
                .map(Rule::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The node's CSS selector as axe reports it (a one-element list for elements outside frames). */
    private static String target(com.deque.html.axecore.results.CheckedNode node) {
        Object target = node.getTarget();
        String text = String.valueOf(target);
        return text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    }

    /** Fails on a serious or critical violation that is not in {@code stockBaseline}, with what and where. */
    static void assertNoNewViolations(WebDriver driver, Set<String> stockBaseline, String screen) {
        Results results = new AxeBuilder().analyze(driver);
        List<String> found = results.getViolations().stream()
                .filter(rule -> BLOCKING.contains(rule.getImpact()) && !stockBaseline.contains(rule.getId()))
                .filter(rule -> !rule.getNodes().stream().allMatch(node -> STOCK_TEMPLATE_NODES.contains(target(node))))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): "
                        + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .collect(Collectors.joining(", ")))
                .toList();
        assertEquals(
                List.of(),
                found,
                "axe-core violations on " + screen + " that Keycloak's own pages do not have" + " (baseline "
                        + stockBaseline + ")");
    }
}
