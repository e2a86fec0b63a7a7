package org.exotrial.cohort;

/**
 * What an arm administers, as the exotrial-msc-administration profile records it. {@code sourceTissue} is null for
 * placebo, {@code particles} null when the product is not dosed in particles (secretome, live cells, placebo).
 */
record Product(String type, String sourceTissue, Route route, Long particles, int volumeMl, String lot, String note) {

    /** SNOMED CT routes of the guide's ExoTrialRouteVS. */
    enum Route {
        INTRAPERITONEAL("38239002", "Intraperitoneal route"),
        INTRAVENOUS("47625008", "Intravenous route"),
        TOPICAL("6064005", "Topical route"),
        INTRALESIONAL("372466002", "Intralesional route");

        final String code;
        final String display;

        Route(String code, String display) {
            this.code = code;
            this.display = display;
        }
    }
}
