package org.exotrial.views;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exotrial.views.engine.CompiledView;

/**
 * Which cells of a masked resource's rows read {@value ViewRunOperation#REDACTED}: those empty on the masked copy in a
 * column whose expressions could read an element blinding withholds (they name it, or walk the tree with {@code
 * descendants()}, {@code children()} or {@code repeat}).
 *
 * <p>Decided from the view and the masked copy alone, never by comparing with the stored values. "Empty masked but not
 * stored" would leak: a column {@code iif(assignedArm = 'Placebo', 'x', {})} is empty on every masked copy, but on the
 * stored subjects only for one arm, so REDACTED would mark exactly the Placebo subjects. For an ordinary column
 * ({@code assignedArm}) both rules give the same cells.
 */
public final class RedactedCells {

    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> TREE_WALKS = Set.of("descendants", "children", "repeat");

    private final boolean[] mayReadWithheld;

    public RedactedCells(CompiledView view, Set<String> withheldElements) {
        Set<String> reaching = new HashSet<>(withheldElements);
        reaching.addAll(TREE_WALKS);
        this.mayReadWithheld = new boolean[view.columns().size()];
        for (int c = 0; c < mayReadWithheld.length; c++) {
            for (List<String> chain : view.sources(c)) {
                for (String path : chain) {
                    mayReadWithheld[c] |= names(path).stream().anyMatch(reaching::contains);
                }
            }
        }
    }

    /** Marks the rows of a masked copy in place. */
    public void mark(List<List<Object>> rows) {
        for (List<Object> row : rows) {
            for (int c = 0; c < mayReadWithheld.length; c++) {
                if (mayReadWithheld[c] && empty(row.get(c))) {
                    row.set(c, ViewRunOperation.REDACTED);
                }
            }
        }
    }

    private static Set<String> names(String path) {
        String code = STRING_LITERAL.matcher(path).replaceAll("''").replace("`", "");
        Set<String> names = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static boolean empty(Object cell) {
        return cell == null || (cell instanceof List<?> list && list.isEmpty());
    }
}
