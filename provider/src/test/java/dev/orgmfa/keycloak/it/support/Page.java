package dev.orgmfa.keycloak.it.support;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** One answer in a browser-like sign-in: an HTML page, or the redirect back to the client. */
public record Page(URI uri, int status, Document document) {

    /** Signed in: Keycloak redirected to the client with an authorization code. */
    public boolean isSignedIn() {
        return document == null
                && uri.toString().startsWith(TestRealm.REDIRECT_URI)
                && uri.getQuery() != null
                && uri.getQuery().contains("code=");
    }

    public boolean has(String elementId) {
        return document != null && document.getElementById(elementId) != null;
    }

    public Optional<Element> byId(String elementId) {
        return document == null ? Optional.empty() : Optional.ofNullable(document.getElementById(elementId));
    }

    public boolean hasInput(String name) {
        return document != null && !document.select("input[name=" + name + "]").isEmpty();
    }

    /** The text of error messages Keycloak's theme shows (form field errors and the page alert). */
    public String errors() {
        if (document == null) {
            return "";
        }
        return String.join(
                " ",
                document.select(".kc-feedback-text, [id^=input-error], .pf-m-danger, .alert-error, #input-error")
                        .eachText());
    }

    public String title() {
        return document == null ? "" : document.select("#kc-page-title").text();
    }

    public String text() {
        return document == null ? "" : document.body().text();
    }

    public List<String> listItems(String elementId) {
        return byId(elementId).map(e -> e.select("li").eachText()).orElse(List.of());
    }

    @Override
    public String toString() {
        return status + " " + uri + (document == null ? "" : " [" + document.title() + "] " + title());
    }
}
