package dev.agentingress.emulator.agentingress.filter;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;

/**
 * The part of a filter that the database decides with the same answer as CEL on every row: a tree of the conditions
 * {@link FilterTranslation} recognises, turned into a JPA Criteria predicate over the stored ingress. Every value in it
 * is bound as a parameter; none is ever written into the SQL.
 * <p>
 * The predicate names the entity's attributes ({@code id}, {@code createdAt}, {@code description},
 * {@code metadata}, {@code domain}); the columns are all NOT NULL, so SQL's third truth value never appears and a
 * negated comparison is CEL's {@code !} of it.
 */
public sealed interface DatabaseCondition {

    /** The predicate over {@code ingress}, a root or join of the stored ingress entity. */
    default Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb) {
        return toPredicate(ingress, cb, false);
    }

    /**
     * The predicate, or its negation. A negation is pushed down to the comparisons (De Morgan), never built with
     * {@code CriteriaBuilder.not}: Hibernate rendered {@code not(not(a = b))} as {@code a <> b}.
     */
    Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated);

    /** {@code true} or {@code false}. */
    record Constant(boolean value) implements DatabaseCondition {

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            return value != negated ? cb.conjunction() : cb.disjunction();
        }
    }

    record All(List<DatabaseCondition> conditions) implements DatabaseCondition {

        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            Predicate[] operands = conditions.stream().map(c -> c.toPredicate(ingress, cb, negated))
                    .toArray(Predicate[]::new);
            return negated ? cb.or(operands) : cb.and(operands);
        }
    }

    record Any(List<DatabaseCondition> conditions) implements DatabaseCondition {

        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            Predicate[] operands = conditions.stream().map(c -> c.toPredicate(ingress, cb, negated))
                    .toArray(Predicate[]::new);
            return negated ? cb.and(operands) : cb.or(operands);
        }
    }

    record Not(DatabaseCondition condition) implements DatabaseCondition {

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            return condition.toPredicate(ingress, cb, !negated);
        }
    }

    /** A text field equal to one of {@code values} (one value: {@code ==}). */
    record TextIn(String attribute, List<String> values) implements DatabaseCondition {

        public TextIn {
            values = List.copyOf(values);
        }

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            Expression<String> field = ingress.get(attribute);
            if (negated) {
                return cb.and(values.stream().map(value -> cb.notEqual(field, value)).toArray(Predicate[]::new));
            }
            return values.size() == 1 ? cb.equal(field, values.get(0))
                    : values.isEmpty() ? cb.disjunction() : field.in(values);
        }
    }

    /** {@code startsWith}, {@code endsWith} or {@code contains}, as a LIKE in which the value matches only itself. */
    record TextLike(String attribute, Position position, String value) implements DatabaseCondition {

        private static final char ESCAPE = '\\';

        public enum Position {
            START, END, ANYWHERE
        }

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            String literal = escaped(value);
            String pattern = switch (position) {
                case START -> literal + "%";
                case END -> "%" + literal;
                case ANYWHERE -> "%" + literal + "%";
            };
            Expression<String> field = ingress.get(attribute);
            return negated ? cb.notLike(field, pattern, ESCAPE) : cb.like(field, pattern, ESCAPE);
        }

        /** {@code value} with LIKE's wildcards and the escape character itself escaped. */
        static String escaped(String value) {
            StringBuilder escaped = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '%' || c == '_' || c == ESCAPE) {
                    escaped.append(ESCAPE);
                }
                escaped.append(c);
            }
            return escaped.toString();
        }
    }

    /**
     * {@code created_at} against an instant that the stored column can hold exactly (see {@link FilterTranslation}),
     * so the database's comparison is CEL's.
     */
    record CreatedAt(Comparison comparison, Instant instant) implements DatabaseCondition {

        static final String ATTRIBUTE = "createdAt";

        public enum Comparison {
            LESS, LESS_OR_EQUAL, EQUAL, GREATER_OR_EQUAL, GREATER
        }

        @Override
        public Predicate toPredicate(Path<?> ingress, CriteriaBuilder cb, boolean negated) {
            Expression<Instant> field = ingress.get(ATTRIBUTE);
            return switch (comparison) {
                case LESS -> negated ? cb.greaterThanOrEqualTo(field, instant) : cb.lessThan(field, instant);
                case LESS_OR_EQUAL -> negated ? cb.greaterThan(field, instant) : cb.lessThanOrEqualTo(field, instant);
                case EQUAL -> negated ? cb.notEqual(field, instant) : cb.equal(field, instant);
                case GREATER_OR_EQUAL ->
                    negated ? cb.lessThan(field, instant) : cb.greaterThanOrEqualTo(field, instant);
                case GREATER -> negated ? cb.lessThanOrEqualTo(field, instant) : cb.greaterThan(field, instant);
            };
        }
    }
}
