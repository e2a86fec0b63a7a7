package org.exotrial.ingest.hl7v2;

import java.util.Arrays;
import java.util.Optional;
import org.exotrial.ig.IgNames;

/**
 * The OBX-3 codes the v2 path accepts, and what each becomes: the FHIR code, the IG profile and whether the result is
 * on peritoneal (drain) fluid, which the IG requires to reference a Specimen. Any other OBX-3 is refused (AE).
 */
enum LabTest {
    IL6_SERUM("26881-3", IgNames.LOINC, "Interleukin 6 [Mass/volume] in Serum or Plasma", Ig.PROFILE_IL6, false),
    IL6_PERITONEAL("49732-1", IgNames.LOINC, "Interleukin 6 [Mass/volume] in Body fluid", Ig.PROFILE_IL6, true),
    TNF_ALPHA_SERUM(
            "3074-2",
            IgNames.LOINC,
            "Tumor necrosis factor.alpha [Mass/volume] in Serum or Plasma",
            Ig.PROFILE_TNF_ALPHA,
            false),
    // No LOINC code for TNF-alpha in body fluid was confirmed; the IG defines a local code, which labs send in OBX-3
    // with any coding-system name (often "L" or "99EXO").
    TNF_ALPHA_PERITONEAL("tnf-alpha-peritoneal", IgNames.CS_OBSERVATION, null, Ig.PROFILE_TNF_ALPHA, true);

    final String code;
    final String system;
    final String display;
    final String profile;
    final boolean peritoneal;

    LabTest(String code, String system, String display, String profile, boolean peritoneal) {
        this.code = code;
        this.system = system;
        this.display = display;
        this.profile = profile;
        this.peritoneal = peritoneal;
    }

    static Optional<LabTest> byCode(String obx3) {
        return Arrays.stream(values()).filter(t -> t.code.equals(obx3)).findFirst();
    }
}
