package org.exotrial.audit.store;

import ca.uhn.fhir.model.api.IQueryParameterAnd;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL criteria of an AuditEvent search: each parameter given (AND) becomes one clause, each comma-separated value
 * within it (OR) one element of the array it is matched against. What HAPI's JPA search would do but this table cannot
 * (chains, modifiers other than {@code :exact} and {@code :contains}, {@code ne}) is refused with 400 rather than
 * silently ignored: an admin must never read a partial trail as a complete one.
 */
final class AuditSearch {

    private final List<String> clauses = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    /** {@code _id}: the event's number. */
    AuditSearch ids(TokenAndListParam and) {
        for (TokenOrListParam or : each(and)) {
            List<Long> ids = new ArrayList<>();
            for (TokenParam token : or.getValuesAsQueryTokens()) {
                refuseModifier("_id", token.getModifier() != null);
                ids.add(AuditStore.number(token.getValue()));
            }
            clauses.add("id = ANY (?::bigint[])");
            args.add(ids.toArray(Long[]::new));
        }
        return this;
    }

    AuditSearch tokens(String column, TokenAndListParam and) {
        for (TokenOrListParam or : each(and)) {
            List<String> values = new ArrayList<>();
            for (TokenParam token : or.getValuesAsQueryTokens()) {
                refuseModifier(column, token.getModifier() != null);
                String system = token.getSystem();
                values.add(system == null ? token.getValue() : system + "|" + token.getValue());
            }
            overlaps(column, values);
        }
        return this;
    }

    /** {@code Type/id}; a bare id is taken to be of {@code impliedType}, or refused when there is none. */
    AuditSearch references(String column, ReferenceAndListParam and, String impliedType) {
        for (ReferenceOrListParam or : each(and)) {
            List<String> values = new ArrayList<>();
            for (ReferenceParam reference : or.getValuesAsQueryTokens()) {
                refuseModifier(column, reference.hasChain());
                String type = reference.getResourceType() != null ? reference.getResourceType() : impliedType;
                if (type == null || reference.getIdPart() == null) {
                    throw new InvalidRequestException("AuditEvent?" + parameter(column)
                            + " needs a typed reference (Type/id), got '" + reference.getValue() + "'");
                }
                values.add(type + "/" + reference.getIdPart());
            }
            overlaps(column, values);
        }
        return this;
    }

    /** FHIR string matching: a case-insensitive prefix, or {@code :exact}, or {@code :contains}. */
    AuditSearch strings(String column, StringAndListParam and) {
        for (StringOrListParam or : each(and)) {
            List<String> alternatives = new ArrayList<>();
            for (StringParam string : or.getValuesAsQueryTokens()) {
                if (string.isExact()) {
                    alternatives.add(column + " && ?::text[]");
                    args.add(new String[] {string.getValue()});
                } else {
                    String like = escapeLike(string.getValue().toLowerCase(Locale.ROOT));
                    alternatives.add("EXISTS (SELECT 1 FROM unnest(" + column + ") v WHERE lower(v) LIKE ?)");
                    args.add((string.isContains() ? "%" : "") + like + "%");
                }
            }
            clauses.add("(" + String.join(" OR ", alternatives) + ")");
        }
        return this;
    }

    /**
     * {@code date} against {@code recorded}. A value covers its whole precision ({@code 2026-11} is the month), as in
     * FHIR: {@code eq} is inside it, {@code ge} from its start, {@code gt} from its end, {@code le} before its end,
     * {@code lt} before its start.
     */
    AuditSearch dates(DateAndListParam and) {
        for (DateOrListParam or : each(and)) {
            List<DateParam> values = or.getValuesAsQueryTokens();
            if (values.size() != 1) {
                throw new InvalidRequestException("AuditEvent?date takes one value per parameter (no comma lists)");
            }
            DateParam date = values.get(0);
            Timestamp start = new Timestamp(date.getValue().getTime());
            Timestamp end =
                    new Timestamp(date.getPrecision().add(date.getValue(), 1).getTime());
            ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
            switch (prefix) {
                case EQUAL -> {
                    clauses.add("recorded >= ? AND recorded < ?");
                    args.add(start);
                    args.add(end);
                }
                case GREATERTHAN_OR_EQUALS -> clause("recorded >= ?", start);
                case GREATERTHAN, STARTS_AFTER -> clause("recorded >= ?", end);
                case LESSTHAN_OR_EQUALS -> clause("recorded < ?", end);
                case LESSTHAN, ENDS_BEFORE -> clause("recorded < ?", start);
                default -> throw new InvalidRequestException(
                        "AuditEvent?date does not support the prefix '" + prefix.getValue() + "'");
            }
        }
        return this;
    }

    String where() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    Object[] args() {
        return args.toArray();
    }

    private void overlaps(String column, List<String> values) {
        clause(column + " && ?::text[]", values.toArray(String[]::new));
    }

    private void clause(String sql, Object arg) {
        clauses.add(sql);
        args.add(arg);
    }

    private static <T extends IQueryParameterOr<?>> List<T> each(IQueryParameterAnd<T> and) {
        return and == null ? List.of() : and.getValuesAsQueryTokens();
    }

    private static void refuseModifier(String column, boolean present) {
        if (present) {
            throw new InvalidRequestException(
                    "AuditEvent?" + parameter(column) + " supports no modifiers or chains here");
        }
    }

    private static String parameter(String column) {
        return column.replace('_', '-');
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
