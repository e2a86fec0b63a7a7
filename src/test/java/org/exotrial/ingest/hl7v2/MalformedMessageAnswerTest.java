package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.protocol.impl.AppRoutingDataImpl;
import ca.uhn.hl7v2.protocol.impl.ApplicationRouterImpl;
import ca.uhn.hl7v2.protocol.impl.TransportableImpl;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MalformedMessageAnswerTest {

    @Test
    void unparseableMessagesGetARWithTheReasonAndNoMessageContent() throws Exception {
        try (HapiContext context = V2Clients.newContext()) {
            context.setValidationContext(ValidationContextFactory.noValidation());
            var router = new ApplicationRouterImpl(context);
            router.bindApplication(new AppRoutingDataImpl("*", "*", "*", "*"), new ReceivingApplication<Message>() {
                @Override
                public Message processMessage(Message message, Map<String, Object> metadata) {
                    throw new AssertionError("a malformed message must not reach the application");
                }

                @Override
                public boolean canProcess(Message message) {
                    return true;
                }
            });
            router.setExceptionHandler(new MalformedMessageAnswer(context.getPipeParser()));

            for (String malformed : new String[] {
                "not HL7 at all, patient Rostami",
                V2Fixtures.load("malformed.hl7", Map.of("MSGID", "X1", "MRN", "TUMS-1", "FILLER", "F1"))
            }) {
                String ack =
                        router.processMessage(new TransportableImpl(malformed)).getMessage();

                assertThat(ack).contains("MSA|AR|").contains("ERR|").contains("malformed HL7 v2 message");
                assertThat(ack).doesNotContain("Rostami").doesNotContain("TUMS-1");
            }
        }
    }
}
