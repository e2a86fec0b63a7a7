package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.security.authorization.KeyStore;
import org.exotrial.support.ServerIT;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.exotrial.token.TokenClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Subscription written over REST becomes a row of {@code exo_sync_subscription} only if sync can honour it; the
 * row follows the resource's every write.
 */
class SubscriptionAdmissionIT extends ServerIT {

    private static final String TOPICS = "https://exotrial.org/fhir/SubscriptionTopic/";
    private static final String ENDPOINT = "https://registry.example.org/hook";

    @Autowired
    SyncStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    DaoRegistry daos;

    @Autowired
    BlindedSubscriptions blinded;

    @Test
    void aValidRegistrySubscriptionIsStoredRequestedWithItsOwnersRow() throws Exception {
        Subscription subscription = subscription("outcome-recorded", "Observation?trial-study=" + LAR_TRIAL);
        subscription.setStatus(SubscriptionStatus.ACTIVE).setError("set by the client");

        String id = created(post(subscription, Role.REGISTRY));

        Subscription stored = read(id, Role.REGISTRY);
        assertThat(stored.getStatus()).isEqualTo(SubscriptionStatus.REQUESTED);
        assertThat(stored.hasError()).isFalse();
        SyncSubscription row = store.subscription(id).orElseThrow();
        assertThat(row.ownerClientId()).isEqualTo(DemoClients.clientId(Role.REGISTRY));
        assertThat(row.ownerRole()).isEqualTo("registry");
        assertThat(row.ownerScopes()).contains("system/Observation.rs");
        assertThat(row.topicUrl()).isEqualTo(TOPICS + "outcome-recorded");
        assertThat(row.filters()).containsExactly("Observation?trial-study=" + LAR_TRIAL);
        assertThat(row.content()).isEqualTo("full-resource");
        assertThat(row.status()).isEqualTo("requested");
        assertThat(row.endpoint()).isEqualTo(ENDPOINT);
        assertThat(row.headers()).containsExactly("Authorization: Bearer registry-secret");
        assertThat(row.heartbeatSeconds()).isEqualTo(60);
        assertThat(row.timeoutSeconds()).isEqualTo(20);
        assertThat(row.maxCount()).isEqualTo(10);
    }

    @Test
    void anUntypedStudyFilterAndTheDefaultContentAreAccepted() throws Exception {
        Subscription subscription = subscription("outcome-recorded", "study=" + LAR_TRIAL);
        subscription.getChannel().getPayloadElement().getExtension().clear();

        String id = created(post(subscription, Role.REGISTRY));

        assertThat(store.subscription(id).orElseThrow().content()).isEqualTo("id-only");
    }

    @Test
    void aSubscriptionWithoutTheBackportProfileIsRefused() throws Exception {
        Subscription legacy = subscription("outcome-recorded");
        legacy.getMeta().getProfile().clear();
        legacy.setCriteria("Observation?code=http://loinc.org|26881-3");

        assertRefused(post(legacy, Role.REGISTRY), 422, "Only topic-based subscriptions", "backport-subscription");
    }

    @Test
    void anUnknownTopicIsRefused() throws Exception {
        assertRefused(
                post(subscription("no-such-topic"), Role.REGISTRY),
                422,
                "is not a subscription topic of this server",
                TOPICS + "adverse-event");
    }

    @Test
    void aFilterTheTopicDoesNotOfferIsRefused() throws Exception {
        assertRefused(
                post(subscription("outcome-recorded", "Observation?code=http://loinc.org|26881-3"), Role.REGISTRY),
                422,
                "cannot filter Observation by 'code'");
        assertRefused(
                post(subscription("subject-enrolment", "ResearchSubject?study:missing=true"), Role.REGISTRY),
                422,
                "modifier");
    }

    @Test
    void endpointsOutsideThePolicyAreRefused() throws Exception {
        assertRefused(
                post(
                        subscription(
                                "adverse-event", s -> s.getChannel().setEndpoint("http://registry.example.org/hook")),
                        Role.REGISTRY),
                422,
                "must be an https URL",
                EndpointPolicy.PROPERTY);
        assertRefused(
                post(
                        subscription("adverse-event", s -> s.getChannel().setEndpoint("https://169.254.169.254/hook")),
                        Role.REGISTRY),
                422,
                "link-local",
                EndpointPolicy.PROPERTY);
        assertRefused(
                post(
                        subscription("adverse-event", s -> s.getChannel().setEndpoint("https://10.1.2.3/hook")),
                        Role.ADMIN),
                422,
                "a private address");
    }

    @Test
    void aChannelSyncCannotServeIsRefused() throws Exception {
        assertRefused(
                post(
                        subscription("adverse-event", s -> s.getChannel().setPayload("application/fhir+xml")),
                        Role.REGISTRY),
                422,
                "must be application/fhir+json");
        assertRefused(
                post(
                        subscription("adverse-event", s -> s.getChannel()
                                .setType(Subscription.SubscriptionChannelType.EMAIL)),
                        Role.REGISTRY),
                422,
                "rest-hook");
        assertRefused(
                post(
                        subscription(
                                "adverse-event", s -> channelExtension(s, BackportSubscription.HEARTBEAT_EXTENSION, 5)),
                        Role.REGISTRY),
                422,
                "heartbeat period must be between 10");
        assertRefused(
                post(
                        subscription(
                                "adverse-event",
                                s -> channelExtension(s, BackportSubscription.MAX_COUNT_EXTENSION, 500)),
                        Role.REGISTRY),
                422,
                "max count must be between 1 and 100");
        assertRefused(
                post(
                        subscription("adverse-event", s -> s.getChannel()
                                .getPayloadElement()
                                .getExtensionByUrl(BackportSubscription.CONTENT_EXTENSION)
                                .setValue(new CodeType("everything"))),
                        Role.REGISTRY),
                422,
                "empty, id-only or full-resource");
        assertRefused(
                post(subscription("adverse-event", s -> s.setStatus(SubscriptionStatus.ERROR)), Role.REGISTRY),
                422,
                "set by the server");
    }

    @Test
    void aBlindedRegistryMayNotSelectByArmWhileAStudyIsMasked() throws Exception {
        HttpResponse<String> response =
                post(subscription("subject-enrolment", "ResearchSubject?arm=Placebo"), Role.REGISTRY);

        assertRefused(response, 403, "may not select by 'arm' while a study is masked");
    }

    @Test
    void anOwnerWhoseScopesDoNotReadTheTopicsTypesIsRefused() throws Exception {
        // The registry's own client, with a token that asks for less than its role allows.
        String token = new TokenClient(URI.create(baseUrl()))
                .accessToken(
                        DemoClients.clientId(Role.REGISTRY),
                        KeyStore.read(KeyStore.demoClientKeyFile(dataDir(), Role.REGISTRY)),
                        "system/Subscription.cruds system/ResearchSubject.rus");
        HttpResponse<String> response = send(anonymousRequest("/Subscription")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json(subscription("adverse-event")))));

        assertRefused(response, 403, "notifies of AdverseEvent", "system/AdverseEvent.r");
    }

    @Test
    void aRegistryCannotReadChangeOrDeleteAnotherClientsSubscription() throws Exception {
        String admins = created(post(subscription("adverse-event"), Role.ADMIN));

        HttpResponse<String> read = send(request("/Subscription/" + admins, Role.REGISTRY));
        assertThat(read.statusCode()).as(read.body()).isIn(403, 404);
        assertThat(read.body()).doesNotContain("registry-secret");
        Subscription changed = subscription("adverse-event");
        changed.setId(admins);
        assertThat(send(request("/Subscription/" + admins, Role.REGISTRY)
                                .header("Content-Type", "application/fhir+json")
                                .PUT(HttpRequest.BodyPublishers.ofString(json(changed))))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(request("/Subscription/" + admins, Role.REGISTRY).DELETE())
                        .statusCode())
                .isEqualTo(403);
        assertThat(store.subscription(admins).orElseThrow().ownerRole()).isEqualTo("admin");
    }

    @Test
    void turningASubscriptionOffAndRequestingItAgainStartsDeliveryOverWithAHandshake() throws Exception {
        String id = created(post(subscription("adverse-event"), Role.REGISTRY));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // As delivery would leave a failing subscription: handshake done, retrying, three events delivered.
        jdbc.update(
                "UPDATE exo_sync_cursor SET handshake_due = false, attempts = 7, first_failure_at = now(),"
                        + " next_attempt_at = now() + interval '1 hour', delivered_through = 3 WHERE subscription_id = ?",
                id);

        Subscription off = read(id, Role.REGISTRY).setStatus(SubscriptionStatus.OFF);
        assertThat(put(off, Role.REGISTRY).statusCode()).isEqualTo(200);
        assertThat(store.subscription(id).orElseThrow().status()).isEqualTo("off");
        assertThat(read(id, Role.REGISTRY).getStatus()).isEqualTo(SubscriptionStatus.OFF);

        Subscription again = read(id, Role.REGISTRY).setStatus(SubscriptionStatus.REQUESTED);
        assertThat(put(again, Role.REGISTRY).statusCode()).isEqualTo(200);

        assertThat(store.subscription(id).orElseThrow().status()).isEqualTo("requested");
        Map<String, Object> cursor = jdbc.queryForMap(
                "SELECT handshake_due, attempts, first_failure_at, next_attempt_at <= now() AS due, delivered_through"
                        + " FROM exo_sync_cursor WHERE subscription_id = ?",
                id);
        assertThat(cursor)
                .containsEntry("handshake_due", true)
                .containsEntry("attempts", 0)
                .containsEntry("first_failure_at", null)
                .containsEntry("due", true)
                .containsEntry("delivered_through", 3L);
    }

    @Test
    void anAdminsChangeOfARegistrysSubscriptionKeepsTheRegistryAsOwner() throws Exception {
        String id = created(post(subscription("adverse-event"), Role.REGISTRY));

        Subscription changed = read(id, Role.ADMIN).setReason("changed by the operator");
        assertThat(put(changed, Role.ADMIN).statusCode()).isEqualTo(200);

        SyncSubscription row = store.subscription(id).orElseThrow();
        assertThat(row.ownerRole()).isEqualTo("registry");
        assertThat(row.ownerClientId()).isEqualTo(DemoClients.clientId(Role.REGISTRY));
    }

    @Test
    void deletingASubscriptionRemovesItsRow() throws Exception {
        String id =
                created(post(subscription("subject-enrolment", "ResearchSubject?study=" + LAR_TRIAL), Role.REGISTRY));
        assertThat(store.subscription(id)).isPresent();

        assertThat(send(request("/Subscription/" + id, Role.REGISTRY).DELETE()).statusCode())
                .isIn(200, 204);

        assertThat(store.subscription(id)).isEmpty();
        assertThat(store.lastEventNumber(id)).isEqualTo(-1);
    }

    @Test
    void aStoredSubscriptionSelectingByArmForABlindedOwnerIsTurnedOff() throws Exception {
        String id = created(post(subscription("subject-enrolment"), Role.REGISTRY));
        // Written as the server, past admission: as a subscription older than admission would be.
        var dao = daos.getResourceDao(Subscription.class);
        Subscription stored =
                dao.read(new org.hl7.fhir.r4.model.IdType("Subscription", id), new SystemRequestDetails());
        stored.getCriteriaElement()
                .addExtension(BackportSubscription.FILTER_EXTENSION, new StringType("ResearchSubject?arm=Placebo"));
        dao.update(stored, new SystemRequestDetails());
        assertThat(store.subscription(id).orElseThrow().filters()).containsExactly("ResearchSubject?arm=Placebo");

        List<String> turnedOff = blinded.turnOff();

        assertThat(turnedOff).contains(id);
        Subscription off = read(id, Role.REGISTRY);
        assertThat(off.getStatus()).isEqualTo(SubscriptionStatus.OFF);
        assertThat(off.getError()).contains("may not select by 'arm'");
        SyncSubscription row = store.subscription(id).orElseThrow();
        assertThat(row.status()).isEqualTo("off");
        assertThat(row.ownerRole()).as("the owner stays the registry").isEqualTo("registry");
        assertThat(blinded.turnOff()).doesNotContain(id);
    }

    @Test
    void theCapabilityStatementListsTheTopics() throws Exception {
        HttpResponse<String> response = send(request("/metadata", Role.REGISTRY));
        assertThat(response.statusCode()).isEqualTo(200);
        CapabilityStatement cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());

        List<String> topics = cs.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Subscription"))
                .flatMap(r -> r.getExtensionsByUrl(TopicCanonicals.EXTENSION).stream())
                .map(e -> e.getValue().primitiveValue())
                .toList();
        assertThat(topics)
                .containsExactly(TOPICS + "adverse-event", TOPICS + "outcome-recorded", TOPICS + "subject-enrolment");
    }

    private static Subscription subscription(String topic, String... filters) {
        return subscription(topic, s -> {}, filters);
    }

    /** A valid subscription of the backport profile to the topic, changed by {@code change}. */
    private static Subscription subscription(String topic, Consumer<Subscription> change, String... filters) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(BackportSubscription.PROFILE);
        subscription.setStatus(SubscriptionStatus.REQUESTED).setReason("registry sync");
        subscription.setCriteria(TOPICS + topic);
        for (String filter : filters) {
            subscription
                    .getCriteriaElement()
                    .addExtension(BackportSubscription.FILTER_EXTENSION, new StringType(filter));
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(ENDPOINT)
                .setPayload("application/fhir+json")
                .addHeader("Authorization: Bearer registry-secret");
        channel.getPayloadElement().addExtension(BackportSubscription.CONTENT_EXTENSION, new CodeType("full-resource"));
        channel.addExtension(BackportSubscription.HEARTBEAT_EXTENSION, new UnsignedIntType(60));
        channel.addExtension(BackportSubscription.TIMEOUT_EXTENSION, new UnsignedIntType(20));
        channel.addExtension(BackportSubscription.MAX_COUNT_EXTENSION, new org.hl7.fhir.r4.model.PositiveIntType(10));
        change.accept(subscription);
        return subscription;
    }

    private static Subscription subscription(String topic, Consumer<Subscription> change) {
        return subscription(topic, change, new String[0]);
    }

    private static void channelExtension(Subscription subscription, String url, int value) {
        Extension extension = subscription.getChannel().getExtensionByUrl(url);
        ((IntegerType) extension.getValue()).setValue(value);
    }

    private HttpResponse<String> post(Subscription subscription, Role role) throws Exception {
        return send(request("/Subscription", role)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json(subscription))));
    }

    private HttpResponse<String> put(Subscription subscription, Role role) throws Exception {
        String id = subscription.getIdElement().getIdPart();
        return send(request("/Subscription/" + id, role)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(subscription))));
    }

    private Subscription read(String id, Role role) throws Exception {
        HttpResponse<String> response = send(request("/Subscription/" + id, role));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Subscription.class, response.body());
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/Subscription/([^/]+)/_history.*", "$1");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... diagnostics) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("OperationOutcome").contains(diagnostics);
    }

    private static String json(Subscription subscription) {
        return FHIR.newJsonParser().encodeResourceToString(subscription);
    }
}
