package com.wispbill.local.stack;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)}, {@code cron(0/5 * * * ? *)} (the
 * six-field EventBridge dialect: minutes, hours, day-of-month, month, day-of-week 1-7 = SUN-SAT,
 * year; with {@code ? L W #}), or EventBridge Scheduler's one-time {@code at(2030-01-01T09:00:00)}.
 */
sealed interface ScheduleExpression {

    String text();

    /** The first firing strictly after {@code after}, if there is one. */
    Optional<Instant> nextAfter(Instant after);

    static ScheduleExpression parse(String expression, ZoneId zone) {
        String text = expression.trim();
        Matcher rate = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)", Pattern.CASE_INSENSITIVE)
                .matcher(text);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            if (value <= 0) {
                throw new StackException("Schedule " + text + ": the rate must be positive");
            }
            ChronoUnit unit = switch (rate.group(2).toLowerCase(Locale.ROOT).replaceAll("s$", "")) {
                case "minute" -> ChronoUnit.MINUTES;
                case "hour" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            };
            return new Rate(text, Duration.of(value, unit));
        }
        Matcher cron = Pattern.compile("cron\\((.*)\\)", Pattern.CASE_INSENSITIVE).matcher(text);
        if (cron.matches()) {
            return Cron.parse(text, cron.group(1), zone);
        }
        Matcher at = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)").matcher(text);
        if (at.matches()) {
            return new At(text, LocalDateTime.parse(at.group(1)).atZone(zone).toInstant());
        }
        throw new StackException("Schedule expression '" + text + "' is not rate(...), cron(...) or at(...)");
    }

    /** Fires every {@code period}; the first firing is one period after the schedule starts. */
    record Rate(String text, Duration period) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return Optional.of(after.plus(period));
        }

        /** As written in the template (what the stack summary shows). */
        @Override
        public String toString() {
            return text;
        }
    }

    record At(String text, Instant time) implements ScheduleExpression {
        @Override
        public Optional<Instant> nextAfter(Instant after) {
            return time.isAfter(after) ? Optional.of(time) : Optional.empty();
        }

        /** As written in the template (what the stack summary shows). */
        @Override
        public String toString() {
            return text;
        }
    }

    /** An EventBridge cron expression evaluated in a time zone (UTC unless the schedule says otherwise). */
    final class Cron implements ScheduleExpression {
        private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
                Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
                Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
        private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);
        private static final int MIN_YEAR = 1970;
        private static final int MAX_YEAR = 2199;

        private final String text;
        private final ZoneId zone;
        private final BitSet minutes;
        private final BitSet hours;
        private final BitSet months;
        private final BitSet years;
        private final DayRule dayRule;

        private Cron(String text, ZoneId zone, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule dayRule) {
            this.text = text;
            this.zone = zone;
            this.minutes = minutes;
            this.hours = hours;
            this.months = months;
            this.years = years;
            this.dayRule = dayRule;
        }

        static Cron parse(String text, String fields, ZoneId zone) {
            String[] parts = fields.trim().split("\\s+");
            if (parts.length != 6) {
                throw new StackException("Schedule " + text + ": EventBridge cron needs 6 fields (minutes hours day-of-month month day-of-week year)");
            }
            boolean domAny = parts[2].equals("?");
            boolean dowAny = parts[4].equals("?");
            if (domAny == dowAny) {
                throw new StackException("Schedule " + text + ": exactly one of day-of-month and day-of-week must be '?'");
            }
            try {
                BitSet minutes = values(parts[0], 0, 59, Map.of());
                BitSet hours = values(parts[1], 0, 23, Map.of());
                BitSet months = values(parts[3], 1, 12, MONTHS);
                BitSet years = values(parts[5], MIN_YEAR, MAX_YEAR, Map.of());
                DayRule days = domAny ? DayRule.ofDayOfWeek(parts[4]) : DayRule.ofDayOfMonth(parts[2]);
                return new Cron(text, zone, minutes, hours, months, years, days);
            } catch (IllegalArgumentException e) {
                throw new StackException("Schedule " + text + ": " + e.getMessage());
            }
        }

        @Override
        public String text() {
            return text;
        }

        @Override
        public Optional<Instant> nextAfter(Instant after) {
            ZonedDateTime start = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            LocalDate date = start.toLocalDate();
            LocalDate end = date.plusYears(5);
            for (; !date.isAfter(end) && date.getYear() <= MAX_YEAR; date = date.plusDays(1)) {
                if (!years.get(date.getYear()) || !months.get(date.getMonthValue()) || !dayRule.matches(date)) {
                    continue;
                }
                boolean firstDay = date.equals(start.toLocalDate());
                for (int hour = hours.nextSetBit(firstDay ? start.getHour() : 0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                    boolean firstHour = firstDay && hour == start.getHour();
                    int minute = minutes.nextSetBit(firstHour ? start.getMinute() : 0);
                    if (minute >= 0) {
                        Instant candidate = ZonedDateTime.of(date, LocalTime.of(hour, minute), zone).toInstant();
                        if (candidate.isAfter(after)) {
                            return Optional.of(candidate);
                        }
                    }
                }
            }
            return Optional.empty();
        }

        /** Parses a list of {@code *}, values, ranges and increments into the set of values it selects. */
        private static BitSet values(String field, int min, int max, Map<String, Integer> names) {
            BitSet set = new BitSet(max + 1);
            for (String item : field.split(",")) {
                String range = item;
                int step = 1;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    range = item.substring(0, slash);
                    step = Integer.parseInt(item.substring(slash + 1));
                    if (step <= 0) {
                        throw new IllegalArgumentException("increment must be positive in '" + item + "'");
                    }
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] bounds = range.split("-", 2);
                    from = value(bounds[0], names);
                    to = value(bounds[1], names);
                } else {
                    from = value(range, names);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("'" + item + "' is outside " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int value(String text, Map<String, Integer> names) {
            Integer named = names.get(text.toUpperCase(Locale.ROOT));
            if (named != null) {
                return named;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid value");
            }
        }

        /** Which days of a month match: the day-of-month or the day-of-week field, with L, W and #. */
        private record DayRule(BitSet daysOfMonth, boolean lastDay, boolean lastWeekday, List<Integer> nearestWeekdays,
                               BitSet daysOfWeek, List<Integer> lastDaysOfWeek, List<int[]> nthDaysOfWeek) {

            static DayRule ofDayOfMonth(String field) {
                BitSet days = new BitSet(32);
                boolean last = false;
                boolean lastWeekday = false;
                List<Integer> nearest = new ArrayList<>();
                for (String item : field.split(",")) {
                    if (item.equals("L")) {
                        last = true;
                    } else if (item.equals("LW")) {
                        lastWeekday = true;
                    } else if (item.endsWith("W")) {
                        int day = value(item.substring(0, item.length() - 1), Map.of());
                        if (day < 1 || day > 31) {
                            throw new IllegalArgumentException("'" + item + "' is outside 1-31");
                        }
                        nearest.add(day);
                    } else {
                        days.or(values(item, 1, 31, Map.of()));
                    }
                }
                return new DayRule(days, last, lastWeekday, nearest, null, List.of(), List.of());
            }

            static DayRule ofDayOfWeek(String field) {
                BitSet days = new BitSet(8);
                List<Integer> last = new ArrayList<>();
                List<int[]> nth = new ArrayList<>();
                for (String item : field.split(",")) {
                    if (item.equals("L")) {
                        days.set(7); // a lone L in day-of-week means Saturday
                    } else if (item.endsWith("L")) {
                        last.add(dayOfWeek(item.substring(0, item.length() - 1)));
                    } else if (item.contains("#")) {
                        String[] parts = item.split("#", 2);
                        int n = Integer.parseInt(parts[1]);
                        if (n < 1 || n > 5) {
                            throw new IllegalArgumentException("'" + item + "': # must be followed by 1-5");
                        }
                        nth.add(new int[] {dayOfWeek(parts[0]), n});
                    } else {
                        days.or(values(item, 1, 7, DAYS));
                    }
                }
                return new DayRule(null, false, false, List.of(), days, last, nth);
            }

            private static int dayOfWeek(String text) {
                int day = value(text, DAYS);
                if (day < 1 || day > 7) {
                    throw new IllegalArgumentException("'" + text + "' is not a day of week (1-7 or SUN-SAT)");
                }
                return day;
            }

            boolean matches(LocalDate date) {
                if (daysOfWeek == null) {
                    LocalDate lastOfMonth = date.with(TemporalAdjusters.lastDayOfMonth());
                    if (daysOfMonth.get(date.getDayOfMonth()) || (lastDay && date.equals(lastOfMonth))) {
                        return true;
                    }
                    if (lastWeekday && date.equals(nearestWeekday(lastOfMonth))) {
                        return true;
                    }
                    for (int day : nearestWeekdays) {
                        if (day <= lastOfMonth.getDayOfMonth() && date.equals(nearestWeekday(date.withDayOfMonth(day)))) {
                            return true;
                        }
                    }
                    return false;
                }
                int awsDay = date.getDayOfWeek().getValue() % 7 + 1; // SUN=1 ... SAT=7
                if (daysOfWeek.get(awsDay)) {
                    return true;
                }
                if (lastDaysOfWeek.contains(awsDay) && date.plusWeeks(1).getMonthValue() != date.getMonthValue()) {
                    return true;
                }
                for (int[] nth : nthDaysOfWeek) {
                    if (nth[0] == awsDay && (date.getDayOfMonth() - 1) / 7 + 1 == nth[1]) {
                        return true;
                    }
                }
                return false;
            }

            /** The weekday nearest to {@code day} without leaving its month (cron's W). */
            private static LocalDate nearestWeekday(LocalDate day) {
                DayOfWeek dow = day.getDayOfWeek();
                if (dow == DayOfWeek.SATURDAY) {
                    return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
                }
                if (dow == DayOfWeek.SUNDAY) {
                    return day.plusDays(1).getMonthValue() != day.getMonthValue() ? day.minusDays(2) : day.plusDays(1);
                }
                return day;
            }
        }

        @Override
        public String toString() {
            return text + (zone.equals(ZoneOffset.UTC) ? "" : " [" + zone + "]");
        }
    }
}
