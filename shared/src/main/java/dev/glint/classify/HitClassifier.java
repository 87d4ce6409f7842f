package dev.glint.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Classifies hits as {@link Verdict#HUMAN}, {@link Verdict#PROXY_OPEN}, {@link Verdict#PRIVACY_PREFETCH}
 * or {@link Verdict#SCANNER} with the rules of a versioned resource ({@value #RULES}).
 *
 * <p>Rules are tried in file order and the first that matches decides the verdict; later rules with
 * the same verdict that also match add their reasons. Nothing matching means a person ("no machine
 * trait"). Immutable and thread-safe: build one at start-up and share it.
 */
public final class HitClassifier {
    /** The rules resource, next to this class. */
    public static final String RULES = "rules-v1.json";
    /** The reason given when no rule matches. */
    public static final String NO_MACHINE_TRAIT = "no machine trait";

    private static final List<String> HUMAN_REASONS = List.of(NO_MACHINE_TRAIT);

    private final RuleBook book;
    private final VerdictRule[] rules;
    private final ClientRule[] clients;

    private HitClassifier(RuleBook book) {
        this.book = book;
        this.rules = book.rules().toArray(VerdictRule[]::new);
        this.clients = book.clients().toArray(ClientRule[]::new);
    }

    /** Loads {@value #RULES}; a malformed rules file fails here, at start-up, naming the bad entry. */
    public static HitClassifier load() {
        try (InputStream in = HitClassifier.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException("classification rules missing from the classpath: " + RULES);
            }
            return new HitClassifier(RuleBook.parse(new ObjectMapper().readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RULES, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(RULES + ": " + e.getMessage(), e);
        }
    }

    /** Builds a classifier from rules given as JSON text (tests, experiments with new rules). */
    public static HitClassifier fromJson(String rulesJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(rulesJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("rules are not JSON: " + e.getMessage(), e);
        }
        return new HitClassifier(RuleBook.parse(root));
    }

    /**
     * Classifies one hit. Allocates a few hundred bytes (the result, the lower-cased user agent, the
     * matchers of regex rules); never blocks, never does I/O.
     */
    public Classification classify(HitTraits traits) {
        HitView hit = new HitView(traits);
        @Nullable VerdictRule decided = null;
        @Nullable List<String> moreReasons = null;
        for (VerdictRule rule : rules) {
            if (decided != null && rule.verdict() != decided.verdict()) {
                continue;
            }
            if (rule.matches(hit)) {
                if (decided == null) {
                    decided = rule;
                } else {
                    if (moreReasons == null) {
                        moreReasons = new ArrayList<>(decided.reasons());
                    }
                    moreReasons.add(rule.reason());
                }
            }
        }
        if (decided == null) {
            return new Classification(Verdict.HUMAN, HUMAN_REASONS, client(hit));
        }
        String client = decided.client() != null ? decided.client() : client(hit);
        return new Classification(decided.verdict(), moreReasons == null ? decided.reasons() : moreReasons, client);
    }

    /** The ids of every rule that matches, verdict rules first, then the client rule (explanations, tests). */
    public Trace trace(HitTraits traits) {
        HitView hit = new HitView(traits);
        List<String> matched = new ArrayList<>();
        for (VerdictRule rule : rules) {
            if (rule.matches(hit)) {
                matched.add(rule.id());
            }
        }
        Optional<String> clientRule = Optional.empty();
        for (ClientRule rule : clients) {
            if (rule.matches(hit)) {
                clientRule = Optional.of(rule.id());
                break;
            }
        }
        return new Trace(List.copyOf(matched), clientRule);
    }

    /**
     * Every rule that matched a hit.
     *
     * @param verdictRules ids of all matching verdict rules in file order, including those that did not decide
     * @param clientRule the client rule that named the client, if any
     */
    public record Trace(List<String> verdictRules, Optional<String> clientRule) {}

    /** The ids of all verdict rules and client rules, in file order. */
    public List<String> ruleIds() {
        List<String> ids = new ArrayList<>();
        for (VerdictRule rule : rules) {
            ids.add(rule.id());
        }
        for (ClientRule rule : clients) {
            ids.add(rule.id());
        }
        return List.copyOf(ids);
    }

    /** The {@code version} of the loaded rules file, stored with each verdict so it can be reproduced. */
    public int rulesVersion() {
        return book.version();
    }

    private String client(HitView hit) {
        for (ClientRule rule : clients) {
            if (rule.matches(hit)) {
                return rule.client();
            }
        }
        return Classification.UNKNOWN_CLIENT;
    }

    @Override
    public String toString() {
        return "HitClassifier[rules v" + book.version() + " of " + book.updated() + ", " + rules.length
                + " verdict rules, " + clients.length + " client rules]";
    }
}
