package org.exotrial.cohort;

/** An anastomotic leak: ISREC grade and the postoperative day it was found. */
record Leak(String grade, int day) {

    /** Null when the participant has no leak. More and worse leaks where the arm's model says so. */
    static Leak draw(Arm.Anastomosis model, Dice dice) {
        if (!dice.chance(model.leakRisk())) {
            return null;
        }
        double g = dice.next();
        String grade = g < model.gradeA() ? "A" : g < model.gradeA() + model.gradeB() ? "B" : "C";
        return new Leak(grade, dice.between(3, 8));
    }

    /** Extra days in hospital a leak of this grade costs: more the more its treatment takes (ISREC A, B, C). */
    int extraStay() {
        return switch (grade) {
            case "A" -> 2;
            case "B" -> 6;
            default -> 12;
        };
    }

    boolean serious() {
        return !"A".equals(grade);
    }
}
