package org.sistercities.notifications.webhook;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.sistercities.notifications.work.AfterCommit;

import java.util.List;

/** The service's {@link DeliveryEngine}: configured, started with the application, woken by commits and a schedule. */
@ApplicationScoped
public class WebhookDispatcher {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    WebhookConfig config;
    @Inject
    EndpointNotices notices;

    private AddressGuard guard;
    private RetrySchedule schedule;
    private DeliveryEngine engine;

    @PostConstruct
    void init() {
        guard = new AddressGuard(config.allowHttp(), config.allowedNetworks().orElse(List.of()));
        schedule = new RetrySchedule(config.schedule(), config.jitter(), config.maxRetryAfter());
        engine = new DeliveryEngine(dataSource, DeliveryEngine.Settings.of(config), guard, schedule, notices::wake);
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.workerEnabled()) {
            engine.start();
        }
    }

    @PreDestroy
    void shutdown() {
        engine.shutdown();
    }

    @Scheduled(every = "${sci.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        engine.wake();
    }

    /** Resumes delivery, picking up every row left due (operations, and tests of a restart). */
    public void start() {
        engine.start();
    }

    /** Stops claiming new attempts on this instance; attempts in flight finish and are recorded. */
    public void stop() {
        engine.stop();
    }

    public boolean running() {
        return engine.running();
    }

    public int inFlight() {
        return engine.inFlight();
    }

    public void wake() {
        engine.wake();
    }

    void wakeAfterCommit(AfterCommit afterCommit) {
        if (engine.running()) {
            afterCommit.wake(engine.runner());
        }
    }

    AddressGuard guard() {
        return guard;
    }

    RetrySchedule schedule() {
        return schedule;
    }
}
