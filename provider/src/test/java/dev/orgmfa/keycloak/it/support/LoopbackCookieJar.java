package dev.orgmfa.keycloak.it.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookies as a browser keeps them for http://127.0.0.1: Keycloak marks its cookies Secure, which
 * browsers honour on loopback but java.net.CookieManager does not. Paths are respected, so sessions of
 * two realms (a broker test) do not mix.
 */
final class LoopbackCookieJar extends CookieHandler {

    private record Key(String name, String path) {}

    private final Map<Key, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey().path()))
                .map(e -> e.getKey().name() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (!"set-cookie".equalsIgnoreCase(name)) {
                return;
            }
            for (String value : values) {
                for (HttpCookie cookie : HttpCookie.parse(value)) {
                    Key key = new Key(cookie.getName(), cookie.getPath() == null ? "/" : cookie.getPath());
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(key);
                    } else {
                        cookies.put(key, cookie.getValue());
                    }
                }
            }
        });
    }
}
