package dev.glint.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glint.model.IdempotencyClaim;
import dev.glint.model.Ids;
import dev.glint.store.DynamoIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conditional claim of an Idempotency-Key, against DynamoDB (dynalite). */
class IdempotencyClaimDynamoTest {
    private static final Duration LIFETIME = Duration.ofHours(24);
    private static LocalDynamo local;
    private static DynamoIdempotencyStore claims;

    @BeforeAll
    static void start() throws Exception {
        local = LocalDynamo.start();
        claims = new DynamoIdempotencyStore(local.dynamo(), LocalResources.MAIN_TABLE);
    }

    @AfterAll
    static void stop() {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void aSecondClaimOfTheSameKeySeesTheFirst() {
        // GIVEN a key claimed by a first request
        String keyHash = Ids.random(64);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IdempotencyClaim first = claim("acct_test", keyHash, "request-a", now);
        assertEquals(Optional.empty(), claims.claim(first));
        // WHEN a second request claims the same key, with its own email id and request
        Optional<IdempotencyClaim> held = claims.claim(claim("acct_test", keyHash, "request-b", now.plusSeconds(1)));
        // THEN it gets the first claim, as stored (expiry in seconds, as TTL keeps it)
        assertEquals(Optional.of(new IdempotencyClaim("acct_test", keyHash, first.emailId(), "request-a", now,
                Instant.ofEpochSecond(first.expiresAt().getEpochSecond()))), held);
    }

    @Test
    void theSameKeyInAnotherAccountIsAnotherClaim() {
        String keyHash = Ids.random(64);
        Instant now = Instant.now();
        assertEquals(Optional.empty(), claims.claim(claim("acct_one", keyHash, "request-a", now)));
        assertEquals(Optional.empty(), claims.claim(claim("acct_two", keyHash, "request-a", now)));
    }

    @Test
    void anExpiredClaimThatTtlHasNotDeletedYetCountsAsAbsent() {
        // GIVEN a claim made 25 hours ago: expired, but still in the table
        String keyHash = Ids.random(64);
        Instant now = Instant.now();
        assertEquals(Optional.empty(), claims.claim(claim("acct_test", keyHash, "old", now.minus(Duration.ofHours(25)))));
        // WHEN the key is claimed now
        IdempotencyClaim fresh = claim("acct_test", keyHash, "new", now);
        Optional<IdempotencyClaim> held = claims.claim(fresh);
        // THEN the new claim wins, and holds the key from then on
        assertEquals(Optional.empty(), held);
        assertEquals(fresh.emailId(), claims.claim(claim("acct_test", keyHash, "other", now.plusSeconds(1)))
                .orElseThrow().emailId());
    }

    @Test
    void onlyTheHolderOfAKeyCanReleaseIt() {
        // GIVEN a key held by a first claim
        String keyHash = Ids.random(64);
        Instant now = Instant.now();
        IdempotencyClaim holder = claim("acct_test", keyHash, "request-a", now);
        claims.claim(holder);
        // WHEN a claim with another email id releases it, and then the holder does
        claims.release(claim("acct_test", keyHash, "request-a", now));
        Optional<IdempotencyClaim> afterForeignRelease = claims.claim(claim("acct_test", keyHash, "request-a", now));
        claims.release(holder);
        Optional<IdempotencyClaim> afterRelease = claims.claim(claim("acct_test", keyHash, "request-a", now));
        // THEN the first release changes nothing, and after the second the key is free again
        assertEquals(holder.emailId(), afterForeignRelease.orElseThrow().emailId());
        assertEquals(Optional.empty(), afterRelease);
    }

    @Test
    void ofManyConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        // GIVEN 8 requests with the same key at once
        String keyHash = Ids.random(64);
        Instant now = Instant.now();
        List<IdempotencyClaim> requests = new ArrayList<>();
        List<Callable<Optional<IdempotencyClaim>>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            IdempotencyClaim c = claim("acct_test", keyHash, "request", now);
            requests.add(c);
            attempts.add(() -> claims.claim(c));
        }
        // WHEN they all claim it
        List<Optional<IdempotencyClaim>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Optional<IdempotencyClaim>> f : pool.invokeAll(attempts)) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // THEN one holds it and the seven others see that one's email id
        assertEquals(1, results.stream().filter(Optional::isEmpty).count());
        String winner = requests.get(results.indexOf(Optional.empty())).emailId();
        List<String> seen = results.stream().flatMap(Optional::stream).map(IdempotencyClaim::emailId).distinct().toList();
        assertEquals(List.of(winner), seen);
    }

    private static IdempotencyClaim claim(String accountId, String keyHash, String requestHash, Instant at) {
        return new IdempotencyClaim(accountId, keyHash, Ids.email(), requestHash, at, at.plus(LIFETIME));
    }
}
