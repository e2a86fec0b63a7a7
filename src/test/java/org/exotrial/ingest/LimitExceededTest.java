package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitExceededTest {

    @Test
    void theMessageNamesWhatTheLimitItsValueAndHowToChangeIt() {
        assertThat(LimitExceeded.message(
                        "The transaction bundle has 60001 entries",
                        LimitExceeded.MAX_BUNDLE_ENTRIES,
                        "50000",
                        "bundles"))
                .isEqualTo("The transaction bundle has 60001 entries, more than the limit"
                        + " exotrial.ingest.max-bundle-entries = 50000. Split the data into smaller bundles, or have"
                        + " the server's operator raise the limit (property exotrial.ingest.max-bundle-entries,"
                        + " environment variable EXOTRIAL_INGEST_MAX_BUNDLE_ENTRIES).");
    }

    @Test
    void sizesAreWrittenAsThePropertyIs() {
        assertThat(LimitExceeded.size(128L * 1024 * 1024)).isEqualTo("128MB");
        assertThat(LimitExceeded.size(1500)).isEqualTo("1500B");
    }
}
