package dev.glint.mail;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.event.TransportEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The {@code glint} transport: registers each mail with Glint's API ({@code "delivery": "client"})
 * and sends every recipient their own tracked copy, one SMTP transaction each, through the SMTP
 * transport ({@code smtp} or {@code smtps}) configured by {@code mail.smtp.*} and a provider preset.
 * Each copy differs from the message only in its HTML and text bodies.
 */
public final class GlintTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(GlintTransport.class.getName());
    /** Glint's subject is required; a mail without one is recorded under this. */
    static final String NO_SUBJECT = "(no subject)";

    private final @Nullable GlintTracker trackerOverride;
    private @Nullable AccessTokenSupplier tokens;
    private @Nullable GlintSettings settings;
    private @Nullable GlintTracker tracker;
    private @Nullable Transport smtp;

    /** Jakarta Mail creates the transport through this constructor ({@code META-INF/javamail.providers}). */
    public GlintTransport(Session session, @Nullable URLName url) {
        this(session, url, null);
    }

    /** Tests: the Glint side is {@code tracker} instead of the HTTP API. */
    GlintTransport(Session session, @Nullable URLName url, @Nullable GlintTracker tracker) {
        super(session, url);
        this.trackerOverride = tracker;
    }

    /**
     * Supplies OAuth 2.0 access tokens as the SMTP password (before {@code connect}); takes
     * precedence over {@code mail.glint.oauth2.token-supplier}.
     */
    public synchronized void setAccessTokenSupplier(@Nullable AccessTokenSupplier tokens) {
        this.tokens = tokens;
    }

    @Override
    protected synchronized boolean protocolConnect(@Nullable String host, int port, @Nullable String user,
            @Nullable String password) throws MessagingException {
        Properties props = session.getProperties();
        GlintSettings resolved;
        Session smtpSession;
        AccessTokenSupplier supplier;
        try {
            resolved = GlintSettings.from(props);
            smtpSession = Session.getInstance(resolved.smtpProperties(props));
            supplier = tokens != null ? tokens : GlintSettings.tokenSupplier(props);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("glint transport: " + e.getMessage(), e);
        }
        smtpSession.setDebug(session.getDebug());
        smtpSession.setDebugOut(session.getDebugOut());
        String protocol = resolved.smtpProtocol();
        Transport transport = smtpSession.getTransport(protocol);
        if (supplier == null) {
            boolean auth = Boolean.parseBoolean(smtpSession.getProperty("mail." + protocol + ".auth"));
            if (auth && password == null) {
                return false; // Service.connect then asks the session's Authenticator and calls again
            }
            transport.connect(host, port, user, password);
        } else {
            String tokenUser = user != null ? user : smtpUser(smtpSession, protocol);
            try {
                transport.connect(host, port, tokenUser, supplier.accessToken(tokenUser, false));
            } catch (AuthenticationFailedException e) {
                transport.connect(host, port, tokenUser, supplier.accessToken(tokenUser, true));
            }
        }
        settings = resolved;
        tracker = trackerOverride != null ? trackerOverride
                : new HttpGlintTracker(resolved.endpoint(), resolved.apiKey(), resolved.timeout());
        smtp = transport;
        return true;
    }

    private static @Nullable String smtpUser(Session smtpSession, String protocol) {
        String user = smtpSession.getProperty("mail." + protocol + ".user");
        return user != null ? user : smtpSession.getProperty("mail.user");
    }

    @Override
    public synchronized boolean isConnected() {
        return super.isConnected() && smtp != null && smtp.isConnected();
    }

    @Override
    public synchronized void close() throws MessagingException {
        Transport transport = smtp;
        smtp = null;
        try {
            if (transport != null) {
                transport.close();
            }
        } finally {
            super.close();
        }
    }

    /**
     * Registers the message with Glint and sends each of {@code addresses} its own tracked copy.
     * Throws {@link SendFailedException} naming the addresses sent, not sent and invalid when any
     * copy could not be sent, and a {@link MessagingException} when Glint cannot track the message
     * and {@code mail.glint.on-failure} is {@code fail} (nothing is sent then).
     */
    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        Transport transport = smtp;
        GlintSettings config = settings;
        GlintTracker glint = tracker;
        if (transport == null || config == null || glint == null || !super.isConnected()) {
            throw new IllegalStateException("Not connected");
        }
        if (!(message instanceof MimeMessage mime)) {
            throw new MessagingException("the glint transport sends MimeMessages only, not "
                    + message.getClass().getName());
        }
        if (addresses.length == 0) {
            throw new SendFailedException("No recipient addresses");
        }
        // Writing the message saves it first (as SMTP would), so the Message-ID is there to key on.
        MimeMessage snapshot = new MimeMessage(mime);
        Recipients recipients = Recipients.of(snapshot, addresses);
        GlintTracker.Registered registered;
        MessageBodies bodies;
        try {
            bodies = MessageBodies.of(snapshot);
            registered = glint.register(registration(snapshot, bodies, recipients));
        } catch (MessagingException e) {
            untrackable(transport, config, mime, addresses, e);
            return;
        }
        sendCopies(transport, mime, snapshot, bodies, registered, recipients);
    }

    /** Glint could not take the mail: send it untracked or fail, as configured. */
    private void untrackable(Transport transport, GlintSettings config, MimeMessage message, Address[] addresses,
            MessagingException cause) throws MessagingException {
        if (config.onFailure() == GlintSettings.OnFailure.FAIL) {
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, new Address[0], addresses, new Address[0],
                    message);
            throw new MessagingException("Glint could not track this message, so nothing was sent"
                    + " (set mail.glint.on-failure=send-untracked to send it untracked instead): " + cause.getMessage(),
                    cause);
        }
        LOG.log(System.Logger.Level.WARNING, "Glint could not track a message; sending it untracked: {0}",
                cause.getMessage());
        try {
            transport.sendMessage(message, addresses);
        } catch (SendFailedException e) {
            notifyTransportListeners(e.getValidSentAddresses() != null && e.getValidSentAddresses().length > 0
                            ? TransportEvent.MESSAGE_PARTIALLY_DELIVERED : TransportEvent.MESSAGE_NOT_DELIVERED,
                    orEmpty(e.getValidSentAddresses()), orEmpty(e.getValidUnsentAddresses()),
                    orEmpty(e.getInvalidAddresses()), message);
            throw e;
        } catch (MessagingException e) {
            notifyTransportListeners(TransportEvent.MESSAGE_NOT_DELIVERED, new Address[0], addresses, new Address[0],
                    message);
            throw e;
        }
        notifyTransportListeners(TransportEvent.MESSAGE_DELIVERED, addresses, new Address[0], new Address[0], message);
    }

    private void sendCopies(Transport transport, MimeMessage message, MimeMessage snapshot, MessageBodies bodies,
            GlintTracker.Registered registered, Recipients recipients) throws MessagingException {
        List<Address> sent = new ArrayList<>();
        List<Address> unsent = new ArrayList<>();
        List<Address> invalid = new ArrayList<>(recipients.invalid());
        MessagingException first = null;
        List<InternetAddress> order = recipients.order();
        for (int i = 0; i < order.size(); i++) {
            InternetAddress to = order.get(i);
            if (first != null && !transport.isConnected()) {
                unsent.add(to); // the connection is gone: the rest cannot go either
                continue;
            }
            try {
                transport.sendMessage(copy(snapshot, bodies, registered.copies().get(i)), new Address[] {to});
                sent.add(to);
            } catch (SendFailedException e) {
                invalid.addAll(List.of(orEmpty(e.getInvalidAddresses())));
                unsent.addAll(List.of(orEmpty(e.getValidUnsentAddresses())));
                if (orEmpty(e.getInvalidAddresses()).length == 0 && orEmpty(e.getValidUnsentAddresses()).length == 0) {
                    unsent.add(to);
                }
                first = chain(first, e);
            } catch (MessagingException e) {
                unsent.add(to);
                first = chain(first, e);
            }
        }
        Address[] sentArray = sent.toArray(new Address[0]);
        Address[] unsentArray = unsent.toArray(new Address[0]);
        Address[] invalidArray = invalid.toArray(new Address[0]);
        int type = unsent.isEmpty() && invalid.isEmpty() ? TransportEvent.MESSAGE_DELIVERED
                : sent.isEmpty() ? TransportEvent.MESSAGE_NOT_DELIVERED : TransportEvent.MESSAGE_PARTIALLY_DELIVERED;
        notifyTransportListeners(type, sentArray, unsentArray, invalidArray, message);
        if (type != TransportEvent.MESSAGE_DELIVERED) {
            throw new SendFailedException("Glint-tracked copies: " + sent.size() + " sent, " + unsent.size()
                    + " not sent, " + invalid.size() + " invalid (email " + registered.emailId() + ")",
                    first, sentArray, unsentArray, invalidArray);
        }
    }

    private static MessagingException chain(@Nullable MessagingException first, MessagingException next) {
        if (first == null) {
            return next;
        }
        first.setNextException(next);
        return first;
    }

    /** The message with only its HTML and text bodies replaced by the recipient's tracked ones. */
    private static MimeMessage copy(MimeMessage snapshot, MessageBodies bodies, GlintTracker.Copy tracked)
            throws MessagingException {
        MimeMessage copy = new SameIdMessage(snapshot);
        Optional<MessageBodies.Body> html = bodies.html();
        if (html.isPresent() && tracked.html() != null) {
            MessageBodies.replace(copy, html.get().path(), tracked.html());
        }
        Optional<MessageBodies.Body> text = bodies.text();
        if (text.isPresent() && tracked.text() != null) {
            MessageBodies.replace(copy, text.get().path(), tracked.text());
        }
        copy.removeHeader("Bcc");
        copy.saveChanges();
        return copy;
    }

    private static GlintTracker.Registration registration(MimeMessage message, MessageBodies bodies,
            Recipients recipients) throws MessagingException {
        if (bodies.html().isEmpty() && bodies.text().isEmpty()) {
            throw new MessagingException("the message has no text/html or text/plain body to track");
        }
        Address[] from = message.getFrom();
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress sender)) {
            throw new MessagingException("the message has no From address");
        }
        String subject = message.getSubject();
        return new GlintTracker.Registration(mailbox(sender), recipients.to(), recipients.cc(), recipients.bcc(),
                subject == null || subject.isBlank() ? NO_SUBJECT : subject,
                bodies.html().map(MessageBodies.Body::content).orElse(null),
                bodies.text().map(MessageBodies.Body::content).orElse(null),
                idempotencyKey(message, recipients.order()));
    }

    /** {@code "Name" <address>}, the name quoted so that any character in it is safe. */
    private static String mailbox(InternetAddress address) {
        String name = address.getPersonal();
        if (name == null || name.isBlank()) {
            return address.getAddress();
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address.getAddress() + ">";
    }

    /**
     * The same Message-ID to the same recipients is the same send: its retry is answered with the
     * first registration instead of a second one. No Message-ID, no key.
     */
    static Optional<String> idempotencyKey(MimeMessage message, List<InternetAddress> recipients)
            throws MessagingException {
        String messageId = message.getMessageID();
        if (messageId == null || messageId.isBlank()) {
            return Optional.empty();
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        digest.update(messageId.strip().getBytes(StandardCharsets.UTF_8));
        for (InternetAddress r : recipients) {
            digest.update((byte) '\n');
            digest.update(r.getAddress().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
        return Optional.of("jakarta-mail-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()));
    }

    private static Address[] orEmpty(Address @Nullable [] addresses) {
        return addresses == null ? new Address[0] : addresses;
    }

    /**
     * The recipients to register: those of {@code addresses} that the To, Cc and Bcc headers name,
     * in header order (first mention wins), then the others as bcc.
     */
    record Recipients(List<String> to, List<String> cc, List<String> bcc, List<InternetAddress> order,
            List<Address> invalid) {
        static Recipients of(MimeMessage message, Address[] addresses) throws MessagingException {
            Map<String, InternetAddress> passed = new LinkedHashMap<>();
            List<Address> invalid = new ArrayList<>();
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && !ia.isGroup()) {
                    passed.putIfAbsent(ia.getAddress().toLowerCase(Locale.ROOT), ia);
                } else {
                    invalid.add(a);
                }
            }
            List<InternetAddress> order = new ArrayList<>();
            List<List<String>> lists = new ArrayList<>();
            for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC,
                    MimeMessage.RecipientType.BCC)) {
                List<String> list = new ArrayList<>();
                for (InternetAddress named : expand(message.getRecipients(type))) {
                    InternetAddress match = passed.remove(named.getAddress().toLowerCase(Locale.ROOT));
                    if (match != null) {
                        list.add(match.getAddress());
                        order.add(match);
                    }
                }
                lists.add(list);
            }
            for (InternetAddress rest : passed.values()) {
                lists.get(2).add(rest.getAddress());
                order.add(rest);
            }
            return new Recipients(lists.get(0), lists.get(1), lists.get(2), order, invalid);
        }

        private static List<InternetAddress> expand(Address @Nullable [] header) throws MessagingException {
            List<InternetAddress> out = new ArrayList<>();
            if (header == null) {
                return out;
            }
            for (Address a : header) {
                if (a instanceof InternetAddress ia) {
                    InternetAddress[] group = ia.isGroup() ? ia.getGroup(false) : null;
                    if (group != null) {
                        out.addAll(List.of(group));
                    } else if (!ia.isGroup()) {
                        out.add(ia);
                    }
                }
            }
            return out;
        }
    }

    /** A copy that keeps the message's Message-ID when saved: every copy is the same message. */
    private static final class SameIdMessage extends MimeMessage {
        SameIdMessage(MimeMessage source) throws MessagingException {
            super(source);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                super.updateMessageID();
            }
        }
    }
}
