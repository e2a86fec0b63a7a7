package org.exotrial.cohort;

import org.exotrial.cohort.Product.Route;

/**
 * The arms participants are allocated to, with the product each gives and the outcome model behind the synthetic
 * values. Arm names must equal the study's {@code ResearchStudy.arm.name}: the server refuses any other.
 */
enum Arm {
    // LAR trial: fewer leaks and less inflammation with exosomes, the trial's hypothesis.
    EXOSOME(
            Study.LAR,
            "Exosome",
            new Product(
                    "exosome",
                    "placenta",
                    Route.INTRAPERITONEAL,
                    20_000_000_000L,
                    10,
                    "HPMSC-EXO-2501",
                    "hPMSC-derived exosomes given intraperitoneally at the end of surgery"),
            new Anastomosis(0.7, 5, 0.10, 0.6, 0.3),
            null),
    LAR_PLACEBO(
            Study.LAR,
            "Placebo",
            new Product(
                    "placebo",
                    null,
                    Route.INTRAPERITONEAL,
                    null,
                    10,
                    "PLACEBO-NS-2501",
                    "Normal saline placebo given intraperitoneally at the end of surgery"),
            new Anastomosis(1.0, 6, 0.30, 0.35, 0.45),
            null),
    // Secretome route study: both routes active, between exosome and placebo.
    INTRAVENOUS_SECRETOME(
            Study.SECRETOME,
            "Intravenous secretome",
            new Product(
                    "secretome",
                    "umbilical-cord",
                    Route.INTRAVENOUS,
                    null,
                    10,
                    "SEC-IV-2503",
                    "MSC secretome, 10 mL, intravenous route"),
            new Anastomosis(0.85, 6, 0.20, 0.5, 0.35),
            null),
    TOPICAL_SECRETOME(
            Study.SECRETOME,
            "Topical secretome",
            new Product(
                    "secretome",
                    "umbilical-cord",
                    Route.TOPICAL,
                    null,
                    2,
                    "SEC-TOP-2503",
                    "MSC secretome, 2 mL, topical route"),
            new Anastomosis(0.8, 6, 0.15, 0.5, 0.35),
            null),
    // ADMIRE-CD (Panes et al., Lancet 2016): combined remission at week 24 in 50% versus 34%; anal abscess and
    // proctalgia were the commonest treatment-emergent adverse events, both less frequent with darvadstrocel.
    DARVADSTROCEL(
            Study.FISTULA,
            "Darvadstrocel",
            new Product(
                    "live-cells",
                    "adipose",
                    Route.INTRALESIONAL,
                    null,
                    24,
                    "CX601-2401",
                    "Darvadstrocel (Cx601), 120 million adipose-derived MSCs in 24 mL, injected into the tract walls"),
            null,
            new Fistula(0.50, 0.06, 0.05)),
    FISTULA_PLACEBO(
            Study.FISTULA,
            "Placebo",
            new Product(
                    "placebo",
                    null,
                    Route.INTRALESIONAL,
                    null,
                    24,
                    "PLACEBO-NS-2401",
                    "Saline placebo, 24 mL, injected into the tract walls"),
            null,
            new Fistula(0.34, 0.09, 0.09));

    final Study study;
    final String armName;
    final Product product;
    /** Outcome model of the arms whose participants have a low anterior resection; null for fistula arms. */
    final Anastomosis anastomosis;
    /** Outcome model of the fistula arms; null otherwise. */
    final Fistula fistula;

    Arm(Study study, String armName, Product product, Anastomosis anastomosis, Fistula fistula) {
        this.study = study;
        this.armName = armName;
        this.product = product;
        this.anastomosis = anastomosis;
        this.fistula = fistula;
    }

    /**
     * {@code inflammation} scales the cytokines, {@code baseStay} is the stay in days without a leak, {@code leakRisk}
     * the chance of a leak, {@code gradeA}/{@code gradeB} the chance a leak is ISREC grade A/B (C otherwise).
     */
    record Anastomosis(double inflammation, int baseStay, double leakRisk, double gradeA, double gradeB) {}

    /** {@code remission}: chance of combined remission at week 24; the others: chance of each adverse event. */
    record Fistula(double remission, double abscessRisk, double proctalgiaRisk) {}
}
