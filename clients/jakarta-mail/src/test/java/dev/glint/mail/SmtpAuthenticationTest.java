package dev.glint.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the glint transport logs in to the SMTP server: PLAIN, LOGIN, XOAUTH2 with a token refresh, SMTPS, STARTTLS. */
class SmtpAuthenticationTest {
    private static final String USER = "alice";
    private static final String SECRET = "s3cret";
    private GreenMail greenMail;
    private final FakeGlint glint = new FakeGlint();

    @BeforeEach
    void start() {
        greenMail = TestMails.greenMail();
        greenMail.setUser("alice@example.com", USER, SECRET);
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private Properties withAuth(String mechanism) {
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.smtp.auth", "true");
        props.setProperty("mail.smtp.auth.mechanisms", mechanism);
        return props;
    }

    private void sendOne(GlintTransport transport, Properties props) throws Exception {
        MimeMessage message = TestMails.rich(Session.getInstance(props), "bob@example.com", "", "");
        transport.sendMessage(message, message.getAllRecipients());
        transport.close();
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    @Test
    void logsInWithPlainAndWithLogin() throws Exception {
        for (String mechanism : List.of("PLAIN", "LOGIN")) {
            greenMail.purgeEmailFromAllMailboxes();
            // GIVEN the mechanism, and a wrong and a right password
            Properties props = withAuth(mechanism);
            GlintTransport wrong = new GlintTransport(Session.getInstance(props), null, glint);
            GlintTransport right = new GlintTransport(Session.getInstance(props), null, glint);
            // WHEN each connects
            // THEN the wrong one is refused by the server and the right one sends
            assertThrows(AuthenticationFailedException.class, () -> wrong.connect(USER, "nope"), mechanism);
            right.connect(USER, SECRET);
            sendOne(right, props);
        }
    }

    @Test
    void asksTheSessionsAuthenticatorWhenNoPasswordIsGiven() throws Exception {
        // GIVEN a session with an Authenticator, as with Transport.send(message)
        Properties props = withAuth("PLAIN");
        Session session = Session.getInstance(props, new jakarta.mail.Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(USER, SECRET);
            }
        });
        GlintTransport transport = new GlintTransport(session, null, glint);
        // WHEN it connects without credentials
        transport.connect();
        // THEN it logged in with the Authenticator's and sends
        sendOne(transport, props);
    }

    @Test
    void xoauth2TakesAFreshTokenAndRefreshesItOnceAfterARejection() throws Exception {
        // GIVEN a server that accepts the token "s3cret" for alice, and a supplier whose first token is stale
        Properties props = withAuth("XOAUTH2");
        List<String> calls = new ArrayList<>();
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        transport.setAccessTokenSupplier((user, afterRejection) -> {
            calls.add(user + ":" + afterRejection);
            return afterRejection ? SECRET : "stale-token";
        });
        // WHEN it connects
        transport.connect(USER, null);
        // THEN the supplier was asked once, then once more after the server refused its token
        assertEquals(List.of("alice:false", "alice:true"), calls);
        sendOne(transport, props);
    }

    @Test
    void xoauth2GivesUpAfterOneRefresh() {
        // GIVEN a supplier whose tokens are never accepted, named by class in the session properties
        Properties props = withAuth("XOAUTH2");
        props.setProperty("mail.glint.oauth2.token-supplier", RejectedTokens.class.getName());
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        // WHEN it connects
        // THEN it fails as an authentication failure after exactly two tokens
        assertThrows(AuthenticationFailedException.class, () -> transport.connect(USER, null));
        assertEquals(2, RejectedTokens.calls);
    }

    /** Named by class name in mail.glint.oauth2.token-supplier. */
    public static final class RejectedTokens implements AccessTokenSupplier {
        static int calls;

        public RejectedTokens() {
            calls = 0;
        }

        @Override
        public String accessToken(String user, boolean afterRejection) {
            calls++;
            return "never-valid-" + calls;
        }
    }

    @Test
    void sendsOverSmtpsWhenTheProtocolIsSmtps() throws Exception {
        // GIVEN GreenMail's SMTPS port (its own test certificate, trusted here only) and protocol smtps
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.glint.provider.protocol", "smtps");
        props.setProperty("mail.smtps.host", "127.0.0.1");
        props.setProperty("mail.smtps.port", String.valueOf(greenMail.getSmtps().getPort()));
        props.setProperty("mail.smtps.ssl.trust", "*");
        props.setProperty("mail.smtps.ssl.checkserveridentity", "false"); // GreenMail's certificate names no host
        props.setProperty("mail.smtps.auth", "true");
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        // WHEN it connects and sends
        transport.connect(USER, SECRET);
        // THEN the copy arrives through the TLS port
        sendOne(transport, props);
    }

    @Test
    void smtpsAgainstAPlainPortFailsInsteadOfFallingBackToCleartext() {
        // GIVEN protocol smtps pointed at the plain SMTP port
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.glint.provider.protocol", "smtps");
        props.setProperty("mail.smtps.host", "127.0.0.1");
        props.setProperty("mail.smtps.port", String.valueOf(greenMail.getSmtp().getPort()));
        props.setProperty("mail.smtps.ssl.trust", "*");
        props.setProperty("mail.smtps.timeout", "5000");
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        // WHEN it connects
        // THEN the TLS handshake fails and nothing is sent
        assertThrows(MessagingException.class, transport::connect);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void requiredStartTlsRefusesAServerWithoutIt() {
        // GIVEN a preset (STARTTLS required) pointed at GreenMail, whose SMTP does not offer STARTTLS
        Properties props = TestMails.properties(greenMail);
        props.setProperty("mail.glint.provider", "mailgun");
        GlintTransport transport = new GlintTransport(Session.getInstance(props), null, glint);
        // WHEN it connects
        MessagingException e = assertThrows(MessagingException.class, () -> transport.connect(USER, SECRET));
        // THEN it refuses to log in in cleartext
        assertTrue(e.getMessage().contains("STARTTLS is required"), e.getMessage());
    }
}
