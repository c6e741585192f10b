package dev.orgmfa.keycloak.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request written byte for byte on a socket to the server (loopback), for what java.net.http refuses
 * to send: a request line with broken percent-encoding or raw control characters.
 */
public final class RawHttp {

    private RawHttp() {}

    /** Status and raw text of an answer. */
    public record Answer(int status, String text) {}

    /**
     * Sends {@code method target HTTP/1.1} with Host, Connection: close and {@code extraHeaders}
     * (lines without CRLF) to the server's HTTP port; reads the whole answer.
     */
    public static Answer send(String method, byte[] target, java.util.List<String> extraHeaders, byte[] body) {
        URI base = URI.create(KeycloakServer.get().baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            request.write(target);
            request.write((" HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: close\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (String header : extraHeaders) {
                request.write((header + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (body != null) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = -1;
            if (text.startsWith("HTTP/")) {
                String[] statusLine =
                        text.substring(0, Math.max(0, text.indexOf('\r'))).split(" ");
                status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            }
            return new Answer(status, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
