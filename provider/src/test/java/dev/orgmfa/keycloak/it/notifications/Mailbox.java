package dev.orgmfa.keycloak.it.notifications;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.orgmfa.keycloak.it.support.TestRealm;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** A real SMTP server (GreenMail) in the test JVM that a realm sends its e-mail to. */
public final class Mailbox implements AutoCloseable {

    /** One received e-mail, decoded: its text and HTML parts as the user's mail program shows them. */
    public record Mail(String to, String subject, String text, String html, String raw) {
        /** Everything a reader could see or a program could parse, for the "no secret in it" checks. */
        public String all() {
            return subject + "\n" + text + "\n" + html + "\n" + raw;
        }
    }

    private final GreenMail smtp;
    private final int port;

    public Mailbox() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    /** Points the realm's SMTP settings at this server. */
    public void serve(TestRealm realm) {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setSmtpServer(
                Map.of("host", "127.0.0.1", "port", Integer.toString(port), "from", "keycloak@org-mfa.example"));
        realm.admin().update(settings);
    }

    /** Waits until {@code total} e-mails have arrived in all (30 s at most), then returns them in order. */
    public List<Mail> awaitTotal(int total) {
        assertTrue(
                smtp.waitForIncomingEmail(30_000, total),
                total + " e-mails expected, got " + received().size() + ": "
                        + received().stream()
                                .map(m -> m.to() + " " + m.subject())
                                .toList());
        return received();
    }

    public List<Mail> received() {
        return Arrays.stream(smtp.getReceivedMessages()).map(Mailbox::decode).toList();
    }

    private static Mail decode(MimeMessage message) {
        try {
            String text = "";
            String html = "";
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                List<BodyPart> parts = new ArrayList<>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    parts.add(multipart.getBodyPart(i));
                }
                for (BodyPart part : flatten(parts)) {
                    if (part.isMimeType("text/plain")) {
                        text = part.getContent().toString();
                    } else if (part.isMimeType("text/html")) {
                        html = part.getContent().toString();
                    }
                }
            } else {
                text = String.valueOf(content);
            }
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            message.writeTo(raw);
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), text, html, raw.toString());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<BodyPart> flatten(List<BodyPart> parts) throws MessagingException, IOException {
        List<BodyPart> all = new ArrayList<>();
        for (BodyPart part : parts) {
            if (part.getContent() instanceof Multipart nested) {
                List<BodyPart> inner = new ArrayList<>();
                for (int i = 0; i < nested.getCount(); i++) {
                    inner.add(nested.getBodyPart(i));
                }
                all.addAll(flatten(inner));
            } else {
                all.add(part);
            }
        }
        return all;
    }

    /** A user as TestRealm creates them (password, full profile), but with no e-mail address. */
    static String userWithoutAddress(TestRealm realm, String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEnabled(true);
        user.setFirstName(username);
        user.setLastName("Test");
        user.setCredentials(List.of(TestRealm.password()));
        try (Response response = realm.admin().users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
