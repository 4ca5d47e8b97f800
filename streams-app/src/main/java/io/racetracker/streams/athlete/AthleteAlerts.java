package io.racetracker.streams.athlete;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceAlert.Type;
import io.racetracker.core.race.RaceTime;
import io.racetracker.streams.LiveText;
import java.util.ArrayList;
import java.util.List;

/** The alerts one athlete's new latest state raises against the previous one. Pure. */
final class AthleteAlerts {
    private final List<Double> thresholds;

    AthleteAlerts(final List<Double> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    /**
     * @param before the figures of the athlete's latest state before this read, null for the first split
     * @param now    the latest state after it
     */
    List<RaceAlert> between(final AthleteHistory.Standing before, final AthleteProjection now, final Course course) {
        if (now.status() == AthleteStatus.FINISHED) {
            final boolean record = course.courseRecordMs() != null && now.elapsedMs() < course.courseRecordMs();
            return List.of(alert(Type.FINISH, now, (double) now.elapsedMs(), who(now) + " finishes in "
                    + now.display().elapsed() + (now.elapsedMs() < now.targetMs() ? ", " + target(now) : "")
                    + (record ? ", a course record" : "")));
        }
        // most reads raise nothing: the texts are made only for an alert that is raised
        List<RaceAlert> alerts = List.of();
        if (before != null) {
            for (final double t : thresholds) {
                if (before.pTarget() < t && now.pTarget() >= t) {
                    alerts = add(alerts, alert(Type.TARGET_CHANCE_UP, now, now.pTarget(), who(now) + "'s chance of "
                            + target(now) + " rises above " + level(t) + " (" + now.display().chance() + ") "
                            + where(now, course)));
                } else if (before.pTarget() >= t && now.pTarget() < t) {
                    alerts = add(alerts, alert(Type.TARGET_CHANCE_DOWN, now, now.pTarget(), who(now) + "'s chance of "
                            + target(now) + " falls below " + level(t) + " (" + now.display().chance() + ") "
                            + where(now, course)));
                }
            }
            if (before.aheadOfTargetMs() >= 0 && now.aheadOfTargetMs() < 0) {
                alerts = add(alerts, alert(Type.OFF_TARGET_PACE, now, (double) now.aheadOfTargetMs(), who(now)
                        + " falls behind " + target(now) + " schedule, " + now.display().vsTarget() + " "
                        + where(now, course)));
            } else if (before.aheadOfTargetMs() < 0 && now.aheadOfTargetMs() >= 0) {
                alerts = add(alerts, alert(Type.BACK_ON_TARGET_PACE, now, (double) now.aheadOfTargetMs(), who(now)
                        + " is back on " + target(now) + " schedule, " + now.display().vsTarget() + " "
                        + where(now, course)));
            }
        }
        final Long record = course.courseRecordMs();
        if (record != null && now.projectedFinishMs() < record && (before == null || before.projectedFinishMs() >= record)) {
            alerts = add(alerts, alert(Type.RECORD_PACE, now, (double) now.projectedFinishMs(), who(now)
                    + " is on course-record pace: projected " + now.display().projectedFinish() + " against "
                    + RaceTime.hms(record) + " " + where(now, course)));
        }
        return alerts;
    }

    private static List<RaceAlert> add(final List<RaceAlert> alerts, final RaceAlert alert) {
        final List<RaceAlert> more = alerts.isEmpty() ? new ArrayList<>(2) : alerts;
        more.add(alert);
        return more;
    }

    private static String who(final AthleteProjection p) {
        return LiveText.shortName(p.name());
    }

    private static String target(final AthleteProjection p) {
        return "sub-" + RaceTime.target(p.targetMs());
    }

    private static String where(final AthleteProjection p, final Course course) {
        return LiveText.at(p, course.units());
    }

    private static String level(final double threshold) {
        return Math.round(threshold * 100) + "%";
    }

    static RaceAlert alert(final Type type, final AthleteProjection p, final Double value, final String message) {
        return new RaceAlert(type, p.raceId(), p.athleteId(), p.name(), p.category(), p.timingPointId(), p.distanceM(),
                p.elapsedMs(), value, message, p.readAt());
    }
}
