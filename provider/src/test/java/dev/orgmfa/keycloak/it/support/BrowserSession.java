package dev.orgmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Walks Keycloak's login pages over HTTP as a browser would (cookies, forms, redirects), without
 * JavaScript. Stops at the redirect back to the client, which is the sign-in's end.
 */
public final class BrowserSession {

    // The demo client requires PKCE; the tests never redeem the code, so one verifier serves all.
    private static final String PKCE_VERIFIER = "org-mfa-it-code-verifier-0123456789-abcdefghijklmnop";
    private static final String PKCE_CHALLENGE = pkceChallenge(PKCE_VERIFIER);

    private final String publicBaseUrl;
    private final String baseUrl;
    private final String realm;
    private final HttpClient http;
    /** The raw text of the last answer {@link #follow} ended on, and every status on the way there. */
    private volatile String lastBody = "";

    private volatile java.util.List<Integer> lastStatuses = java.util.List.of();

    BrowserSession(String baseUrl, String realm) {
        this(baseUrl, baseUrl, realm);
    }

    /** A session against any realm of the test server, e.g. the imported demo realm. */
    public static BrowserSession of(String realm) {
        return new BrowserSession(KeycloakServer.get().baseUrl(), realm);
    }

    /**
     * A session pinned to one node of a cluster: Keycloak writes its configured hostname
     * ({@code publicBaseUrl}) into form actions and redirects; requests to it go to {@code baseUrl}.
     */
    BrowserSession(String publicBaseUrl, String baseUrl, String realm) {
        this.publicBaseUrl = publicBaseUrl;
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Starts an authorization-code sign-in of the demo client; the answer is the first login page. */
    public Page openLogin() {
        return get(authUrl(null));
    }

    /** Starts an application-initiated action ({@code kc_action}), e.g. {@code org-mfa-recovery-codes}. */
    public Page openAction(String kcAction) {
        return get(authUrl(kcAction));
    }

    /** Starts a sign-in with extra authorization parameters, e.g. {@code prompt=none} (SSO cookie only, no screens). */
    public Page openLoginWith(String extraQuery) {
        return get(authUrl(null) + "&" + extraQuery);
    }

    private String authUrl(String kcAction) {
        return baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + TestRealm.CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri=" + encode(TestRealm.REDIRECT_URI)
                + "&state=" + System.nanoTime() + "&code_challenge_method=S256&code_challenge=" + PKCE_CHALLENGE
                + (kcAction == null ? "" : "&kc_action=" + encode(kcAction));
    }

    /** Username and password on the stock form. */
    public Page signIn(String username, String password) {
        Page page = submit(openLogin(), "kc-form-login", Map.of("username", username, "password", password));
        // Keycloak's stock flow with organizations asks for the username first, then the password.
        if (page.has("kc-form-login")
                && page.hasInput("password")
                && page.errors().isBlank()) {
            page = submit(page, "kc-form-login", Map.of("password", password));
        }
        return page;
    }

    /**
     * Submits a form of the page (by id, or the first form when {@code formId} is null) with its
     * hidden inputs plus {@code fields}.
     */
    public Page submit(Page page, String formId, Map<String, String> fields) {
        if (page.document() == null) {
            throw new IllegalStateException("no page to submit a form on: " + page);
        }
        Element form = formId == null
                ? page.document().selectFirst("form")
                : page.document().getElementById(formId);
        if (form == null) {
            throw new IllegalStateException("no form " + formId + " on " + page);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[type=hidden]")) {
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        return post(form.absUrl("action"), values);
    }

    /** Redeems the authorization code of a finished sign-in; returns the token endpoint's answer (refresh token too). */
    public OidcClient.Tokens tokens(Page signedIn) {
        String code = java.util.Arrays.stream(signedIn.uri().getQuery().split("&"))
                .filter(p -> p.startsWith("code="))
                .findFirst()
                .orElseThrow()
                .substring(5);
        String body = "grant_type=authorization_code&client_id=" + TestRealm.CLIENT_ID + "&code=" + encode(code)
                + "&redirect_uri=" + encode(TestRealm.REDIRECT_URI) + "&code_verifier=" + PKCE_VERIFIER;
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        return new OidcClient.Tokens(response.statusCode(), response.body());
    }

    /** Redeems the authorization code of a finished sign-in; returns the access token. */
    public String accessToken(Page signedIn) {
        String code = java.util.Arrays.stream(signedIn.uri().getQuery().split("&"))
                .filter(p -> p.startsWith("code="))
                .findFirst()
                .orElseThrow()
                .substring(5);
        String body = "grant_type=authorization_code&client_id=" + TestRealm.CLIENT_ID + "&code=" + encode(code)
                + "&redirect_uri=" + encode(TestRealm.REDIRECT_URI) + "&code_verifier=" + PKCE_VERIFIER;
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        var token = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    /** GET with a bearer token, e.g. the account REST API the account console uses. */
    public String getJson(String path, String accessToken) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Posts to the action URL of the page's first form, as a button in another form would. */
    public Page post(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(route(URI.create(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return follow(send(request));
    }

    public Page get(String url) {
        return follow(send(HttpRequest.newBuilder(route(URI.create(url))).GET().build()));
    }

    private Page follow(HttpResponse<String> response) {
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (int hops = 0; hops < 10; hops++) {
            int status = response.statusCode();
            statuses.add(status);
            if (status < 300 || status >= 400) {
                lastBody = response.body() == null ? "" : response.body();
                lastStatuses = java.util.List.copyOf(statuses);
                Document document = Jsoup.parse(lastBody, response.uri().toString());
                return new Page(response.uri(), status, document);
            }
            URI next = response.uri()
                    .resolve(response.headers().firstValue("Location").orElseThrow());
            if (next.toString().startsWith(TestRealm.REDIRECT_URI)) {
                lastBody = "";
                lastStatuses = java.util.List.copyOf(statuses);
                return new Page(next, status, null);
            }
            response = send(HttpRequest.newBuilder(route(next)).GET().build());
        }
        throw new IllegalStateException("too many redirects");
    }

    /**
     * The raw HTML of the last page this session ended on (after redirects), as the server sent it:
     * for checks the parsed {@link Page} cannot make, e.g. that markup arrived escaped.
     */
    public String lastBody() {
        return lastBody;
    }

    /** The HTTP status of every answer on the way to the last page (redirects first, the page last). */
    public java.util.List<Integer> lastStatuses() {
        return lastStatuses;
    }

    /**
     * Sends any method with a body of any bytes and content type (null: no Content-Type header) to a
     * URL of this server, with the session's cookies, and follows redirects as {@link #get} does. For
     * malformed requests a form could never send; {@link #lastBody()} and {@link #lastStatuses()} then
     * tell what came back.
     */
    public Page exchange(String method, String url, String contentType, byte[] body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(route(URI.create(url))).timeout(Duration.ofSeconds(60));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return follow(send(request.build()));
    }

    private URI route(URI uri) {
        String url = uri.toString();
        return publicBaseUrl.equals(baseUrl) || !url.startsWith(publicBaseUrl + "/")
                ? uri
                : URI.create(baseUrl + url.substring(publicBaseUrl.length()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pkceChallenge(String verifier) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
