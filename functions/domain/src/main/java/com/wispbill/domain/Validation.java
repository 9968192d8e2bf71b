package com.wispbill.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Collects field errors so a constructor can report every problem at once instead of failing on the
 * first one (a reseller fixing a form wants the whole list). Use one instance per validated object:
 * <pre>{@code
 * var v = new Validation();
 * v.id(id, "id");
 * v.check(price >= 0, "price", "must not be negative");
 * v.throwIfInvalid();
 * }</pre>
 */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field} unless {@code ok}; returns {@code ok} so checks can be chained. */
    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return ok;
    }

    public boolean notNull(Object value, String field) {
        return check(value != null, field, "is required");
    }

    public boolean notBlank(String value, String field) {
        if (value == null) {
            return check(false, field, "is required");
        }
        return check(!value.isBlank(), field, "must not be blank");
    }

    /** A required text of at most {@code maxLength} characters after trimming. */
    public boolean text(String value, String field, int maxLength) {
        return notBlank(value, field)
                && check(value.strip().length() <= maxLength, field, "must be at most " + maxLength + " characters");
    }

    /** A required entity id in the format {@link Ids#isValid} accepts. */
    public boolean id(String value, String field) {
        return notBlank(value, field)
                && check(Ids.isValid(value), field, "is not a valid id (letters, digits, '_', '-', '.'; at most "
                        + Ids.MAX_LENGTH + " characters)");
    }

    public void add(FieldError error) {
        errors.add(error);
    }

    public void addAll(List<FieldError> more) {
        errors.addAll(more);
    }

    /** Whether {@code field} or a part of it ({@code field.x}, {@code field[0]}) has an error. */
    public boolean hasErrorFor(String field) {
        return covers(errors, field);
    }

    private static boolean covers(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + "[")
                || e.field().startsWith(field + "."));
    }

    /**
     * Builds an object and returns it, or throws one {@link ValidationException} with the errors recorded
     * so far and those {@code build} throws (renamed by {@code field}; one for a field that already has an
     * error is left out, so a client is not told twice).
     */
    public <T> T build(Supplier<T> build, UnaryOperator<String> field) {
        T built = null;
        try {
            built = build.get();
        } catch (ValidationException e) {
            List<FieldError> before = List.copyOf(errors);
            for (FieldError err : e.errors()) {
                String name = field.apply(err.field());
                if (!covers(before, name)) {
                    errors.add(new FieldError(name, err.message()));
                }
            }
        }
        throwIfInvalid();
        return built;
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
