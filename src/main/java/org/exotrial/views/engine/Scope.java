package org.exotrial.views.engine;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Base;

/** What an expression may see besides its focus: the view's constants and the current row index. */
record Scope(Map<String, List<Base>> constants, int rowIndex) {

    Scope withRowIndex(int index) {
        return index == rowIndex ? this : new Scope(constants, index);
    }
}
