package dev.glint.classify;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule that decides a verdict when all its conditions hold.
 *
 * @param reasons the single reason this rule gives, precomputed so that a decision allocates nothing
 * @param client the mail client this rule reveals (the Gmail proxy is Gmail), or null to detect it
 */
record VerdictRule(String id, Verdict verdict, Condition[] when, String reason, List<String> reasons,
        @Nullable String client) {

    boolean matches(HitView hit) {
        for (Condition condition : when) {
            if (!condition.test(hit)) {
                return false;
            }
        }
        return true;
    }
}
