package dev.glint.classify;

/** A rule that names the mail client when all its conditions hold. */
record ClientRule(String id, String client, Condition[] when) {

    boolean matches(HitView hit) {
        for (Condition condition : when) {
            if (!condition.test(hit)) {
                return false;
            }
        }
        return true;
    }
}
