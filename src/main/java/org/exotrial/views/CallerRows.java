package org.exotrial.views;

import java.util.List;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.views.engine.CompiledView;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A view's rows as one caller may see them, the same for {@code $viewdefinition-run} and {@code
 * $viewdefinition-export}: from the masked copy when blinding masks the resource ({@link CallerBlinding#shown}), with
 * {@value #REDACTED} in every cell that is empty only because of the mask, so withheld never looks like absent.
 */
public final class CallerRows {

    public static final String REDACTED = "REDACTED";

    private final CallerBlinding blinding;

    public CallerRows(CallerBlinding blinding) {
        this.blinding = blinding;
    }

    public List<List<Object>> rows(Caller caller, CompiledView view, IBaseResource stored) {
        IBaseResource shown = blinding.shown(caller, stored);
        List<List<Object>> rows = view.rows(shown);
        if (shown == stored) {
            return rows;
        }
        List<List<Object>> unmasked = view.rows(stored);
        for (int r = 0; r < rows.size() && r < unmasked.size(); r++) {
            List<Object> row = rows.get(r);
            List<Object> full = unmasked.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (empty(row.get(c)) && !empty(full.get(c))) {
                    row.set(c, REDACTED);
                }
            }
        }
        return rows;
    }

    private static boolean empty(Object cell) {
        return cell == null || (cell instanceof List<?> list && list.isEmpty());
    }
}
