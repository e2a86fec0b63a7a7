package org.exotrial.ingest;

import java.util.Locale;

/**
 * The diagnostics of every 413 the ingest limits give: what was too large, the limit it passed with its value, and the
 * property (and environment variable) an operator sets to change it, so a refused interface knows in one answer whether
 * to split its data or ask for a larger limit.
 */
final class LimitExceeded {

    static final String MAX_BUNDLE_ENTRIES = "exotrial.ingest.max-bundle-entries";
    static final String MAX_REQUEST_SIZE = "exotrial.ingest.max-request-size";

    private LimitExceeded() {}

    /**
     * @param what what the request carried, e.g. "the transaction bundle has 60001 entries"
     * @param property the limit's property, e.g. {@link #MAX_BUNDLE_ENTRIES}
     * @param limit the limit's value as the property would be written, e.g. "50000" or "256MB"
     * @param split what the sender can split instead, e.g. "bundles"
     */
    static String message(String what, String property, String limit, String split) {
        return what + ", more than the limit " + property + " = " + limit + ". Split the data into smaller " + split
                + ", or have the server's operator raise the limit (property " + property + ", environment variable "
                + environmentVariable(property) + ").";
    }

    static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A size as the property is written, in whole megabytes when it is one ("256MB"), otherwise in bytes. */
    static String size(long bytes) {
        long mb = 1024L * 1024;
        return bytes % mb == 0 ? (bytes / mb) + "MB" : bytes + "B";
    }
}
