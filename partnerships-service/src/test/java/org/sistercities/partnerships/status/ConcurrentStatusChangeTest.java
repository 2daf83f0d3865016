package org.sistercities.partnerships.status;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.sistercities.partnerships.Fixtures;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.sistercities.partnerships.Fixtures.asAdmin;

@QuarkusTest
class ConcurrentStatusChangeTest {

    @Test
    void twoChangesFromTheSameVersionLeaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = Fixtures.partnership("RU");
            String etag = asAdmin().get("/api/v1/partnerships/{id}", id).then().extract().header("ETag");

            List<Integer> statuses = race(
                    () -> post(id, etag, "SUSPENDED"),
                    () -> post(id, etag, "TERMINATED"));

            assertThat(statuses).containsExactlyInAnyOrder(201, 412);
            asAdmin().get("/api/v1/partnerships/{id}/status-changes", id).then().body("size()", equalTo(1));
        }
    }

    @Test
    void twoChangesToTheSameStatusWithoutIfMatchLeaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = Fixtures.partnership("RU");

            List<Integer> statuses = race(() -> post(id, null, "SUSPENDED"), () -> post(id, null, "SUSPENDED"));

            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            asAdmin().get("/api/v1/partnerships/{id}/status-changes", id).then().body("size()", equalTo(1));
        }
    }

    private static int post(UUID id, String ifMatch, String to) {
        var request = asAdmin().body(Fixtures.statusChange(to));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.post("/api/v1/partnerships/{id}/status-changes", id).statusCode();
    }

    private static List<Integer> race(Supplier<Integer> first, Supplier<Integer> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        // Own threads: the common pool may have a single worker on a 2-core machine, and the barrier needs two.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> awaitThen(start, first), threads);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> awaitThen(start, second), threads);
            return List.of(a.get(), b.get());
        } finally {
            threads.shutdown();
        }
    }

    private static int awaitThen(CyclicBarrier start, Supplier<Integer> action) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return action.get();
    }
}
