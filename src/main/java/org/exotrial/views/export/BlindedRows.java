package org.exotrial.views.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.views.engine.CompiledView;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A view's rows as a caller may see them: evaluated on the copy blinding shows the caller ({@link
 * CallerBlinding#shown}), and a cell that is empty on that copy but not on the stored resource reads {@code REDACTED}
 * (the arm column of a masked study is withheld, not silently blank).
 */
final class BlindedRows {

    static final String REDACTED = "REDACTED";

    private final CallerBlinding blinding;

    BlindedRows(CallerBlinding blinding) {
        this.blinding = blinding;
    }

    List<List<Object>> rows(CompiledView view, Caller caller, IBaseResource stored) {
        IBaseResource shown = blinding.shown(caller, stored);
        List<List<Object>> rows = view.rows(shown);
        if (shown == stored) {
            return rows;
        }
        List<List<Object>> original = view.rows(stored);
        if (original.size() != rows.size()) {
            return rows;
        }
        List<List<Object>> marked = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = new ArrayList<>(rows.get(r));
            for (int c = 0; c < row.size(); c++) {
                if (empty(row.get(c)) && !empty(original.get(r).get(c))) {
                    row.set(c, REDACTED);
                }
            }
            marked.add(row);
        }
        return marked;
    }

    private static boolean empty(Object cell) {
        return cell == null || (cell instanceof Collection<?> values && values.isEmpty());
    }
}
