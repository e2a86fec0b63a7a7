package org.exotrial.views.engine;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.model.Base;

/**
 * One compiled {@code select} (or the view's top level): its own columns, how it iterates ({@code forEach}, {@code
 * forEachOrNull}, {@code repeat}) and its nested selects and {@code unionAll} options. Its rows span {@link #width()}
 * cells: own columns, then nested selects', then the {@code unionAll}'s, the order of the view's column list.
 */
final class SelectNode {

    record Column(String name, String path, ExpressionNode expression, String type, boolean collection) {}

    private final List<Column> columns;
    private final ExpressionNode forEach;
    private final boolean orNull;
    private final List<ExpressionNode> repeat;
    private final List<SelectNode> selects;
    private final List<SelectNode> unionAll;
    private final List<String> iteration;
    private final int width;

    SelectNode(
            List<Column> columns,
            ExpressionNode forEach,
            boolean orNull,
            List<ExpressionNode> repeat,
            List<SelectNode> selects,
            List<SelectNode> unionAll,
            List<String> iteration) {
        this.columns = List.copyOf(columns);
        this.forEach = forEach;
        this.orNull = orNull;
        this.repeat = List.copyOf(repeat);
        this.selects = List.copyOf(selects);
        this.unionAll = List.copyOf(unionAll);
        this.iteration = List.copyOf(iteration);
        int w = columns.size();
        for (SelectNode s : selects) {
            w += s.width;
        }
        if (!unionAll.isEmpty()) {
            w += unionAll.get(0).width;
        }
        this.width = w;
    }

    int width() {
        return width;
    }

    /** The columns in output order (a {@code unionAll} contributes its first option's, all options being equal). */
    List<Column> allColumns() {
        List<Column> all = new ArrayList<>(columns);
        for (SelectNode s : selects) {
            all.addAll(s.allColumns());
        }
        if (!unionAll.isEmpty()) {
            all.addAll(unionAll.get(0).allColumns());
        }
        return all;
    }

    /**
     * For each column position, every chain of expressions its value can come from: the outermost iteration first,
     * the column's path last (several chains when {@code unionAll} options feed the position).
     */
    List<List<List<String>>> sources(List<String> outer) {
        List<String> chain = new ArrayList<>(outer);
        chain.addAll(iteration);
        List<List<List<String>>> out = new ArrayList<>();
        for (Column c : columns) {
            List<String> full = new ArrayList<>(chain);
            full.add(c.path());
            out.add(List.of(List.copyOf(full)));
        }
        for (SelectNode s : selects) {
            out.addAll(s.sources(chain));
        }
        if (!unionAll.isEmpty()) {
            int start = out.size();
            for (int i = 0; i < unionAll.get(0).width; i++) {
                out.add(new ArrayList<>());
            }
            for (SelectNode option : unionAll) {
                List<List<List<String>>> optionSources = option.sources(chain);
                for (int i = 0; i < optionSources.size(); i++) {
                    out.get(start + i).addAll(optionSources.get(i));
                }
            }
        }
        return out;
    }

    List<Object[]> rows(Evaluation eval, Base parent, Scope scope) {
        if (forEach != null) {
            List<Base> foci = eval.evaluate(parent, forEach, scope, "forEach");
            if (foci.isEmpty()) {
                return orNull ? List.<Object[]>of(nullRow(eval, scope.withRowIndex(0))) : List.of();
            }
            return iterate(eval, foci, scope);
        }
        if (!repeat.isEmpty()) {
            List<Base> foci = new ArrayList<>();
            collectRepeat(eval, parent, scope, foci);
            return iterate(eval, foci, scope);
        }
        return focused(eval, parent, scope);
    }

    private List<Object[]> iterate(Evaluation eval, List<Base> foci, Scope scope) {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < foci.size(); i++) {
            out.addAll(focused(eval, foci.get(i), scope.withRowIndex(i)));
        }
        return out;
    }

    /**
     * forEachOrNull's row when there is nothing to iterate: own columns evaluated on an empty focus (so that
     * {@code %rowIndex} still reads 0, as the suite expects), everything else null.
     */
    private Object[] nullRow(Evaluation eval, Scope scope) {
        Object[] row = new Object[width];
        for (int i = 0; i < columns.size(); i++) {
            row[i] = eval.cell(null, columns.get(i), scope);
        }
        return row;
    }

    /** Depth first, each node before its children, as the specification's {@code repeat} lists them. */
    private void collectRepeat(Evaluation eval, Base node, Scope scope, List<Base> into) {
        for (ExpressionNode path : repeat) {
            for (Base child : eval.evaluate(node, path, scope, "repeat")) {
                into.add(child);
                collectRepeat(eval, child, scope, into);
            }
        }
    }

    /** The rows of one focus: own cells times each nested select's rows times the union's rows. */
    private List<Object[]> focused(Evaluation eval, Base focus, Scope scope) {
        Object[] own = new Object[width];
        for (int i = 0; i < columns.size(); i++) {
            own[i] = eval.cell(focus, columns.get(i), scope);
        }
        List<Object[]> rows = List.<Object[]>of(own);
        int offset = columns.size();
        for (SelectNode s : selects) {
            rows = product(rows, s.rows(eval, focus, scope), offset, s.width);
            if (rows.isEmpty()) {
                return rows;
            }
            offset += s.width;
        }
        if (!unionAll.isEmpty()) {
            List<Object[]> union = new ArrayList<>();
            for (SelectNode option : unionAll) {
                union.addAll(option.rows(eval, focus, scope));
            }
            rows = product(rows, union, offset, unionAll.get(0).width);
        }
        return rows;
    }

    private List<Object[]> product(List<Object[]> left, List<Object[]> right, int offset, int length) {
        if (right.isEmpty()) {
            return List.of();
        }
        List<Object[]> out = new ArrayList<>(left.size() * right.size());
        for (Object[] l : left) {
            for (Object[] r : right) {
                Object[] row = (left.size() == 1 && right.size() == 1) ? l : l.clone();
                System.arraycopy(r, 0, row, offset, length);
                out.add(row);
            }
        }
        return out;
    }
}
