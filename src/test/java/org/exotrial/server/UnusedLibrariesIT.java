package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Libraries that come with HAPI but that ExoTrial does not use stay switched off in the running server: they cost
 * start-up time, threads and per-write work, and an OpenAPI page is surface nobody asked for.
 */
class UnusedLibrariesIT extends ServerIT {

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Autowired
    ApplicationContext context;

    @Test
    void hibernateNeitherBeanValidatesNorAuditsHapisEntities() {
        EventListenerRegistry listeners = entityManagerFactory
                .unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry()
                .getService(EventListenerRegistry.class);
        List<String> names = new ArrayList<>();
        for (EventType<?> type : List.of(
                EventType.PRE_INSERT,
                EventType.PRE_UPDATE,
                EventType.PRE_DELETE,
                EventType.POST_INSERT,
                EventType.POST_UPDATE,
                EventType.POST_DELETE)) {
            listeners
                    .getEventListenerGroup(type)
                    .fireEventOnEachListener(
                            null,
                            (listener, ignored) -> names.add(listener.getClass().getName()));
        }
        assertThat(names)
                .noneMatch(name -> name.startsWith("org.hibernate.envers."))
                .noneMatch(name -> name.endsWith("BeanValidationEventListener"));
    }

    @Test
    void springBootsOwnQuartzSchedulerIsNotStarted() {
        assertThat(context.containsBean("quartzScheduler")).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("quartzScheduler"));
    }

    @Test
    void noOpenApiPagesEvenForTheAdmin() throws Exception {
        for (String path : List.of("/v3/api-docs", "/swagger-ui/index.html")) {
            var response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token(Role.ADMIN))
                    .GET());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }
}
