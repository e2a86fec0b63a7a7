package org.exotrial.cohort;

/**
 * The demo studies participants are enrolled in. They are not generated: the server must already hold them (the IG's
 * examples, loaded in demo mode), and bundles reference them literally as {@code ResearchStudy/<id>}.
 */
enum Study {
    LAR("lar-exosome-trial", "LAR", "Tehran", "IR", "+03:30", 42, 74),
    SECRETOME("secretome-route-study", "SEC", "Surakarta", "ID", "+07:00", 42, 74),
    /** ADMIRE-CD enrolled adults with Crohn's disease, who are younger than rectal-cancer patients. */
    FISTULA("admire-cd-darvadstrocel", "FIS", "Barcelona", "ES", "+01:00", 20, 59);

    final String id;
    final String subjectPrefix;
    final String city;
    final String country;
    /** Fixed UTC offset of the site, written into every timestamp as the site's interface would. */
    final String utcOffset;

    final int minAge;
    final int maxAge;

    Study(String id, String subjectPrefix, String city, String country, String utcOffset, int minAge, int maxAge) {
        this.id = id;
        this.subjectPrefix = subjectPrefix;
        this.city = city;
        this.country = country;
        this.utcOffset = utcOffset;
        this.minAge = minAge;
        this.maxAge = maxAge;
    }

    String reference() {
        return "ResearchStudy/" + id;
    }
}
