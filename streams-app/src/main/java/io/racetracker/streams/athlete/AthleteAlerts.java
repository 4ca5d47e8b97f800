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
        final List<RaceAlert> alerts = new ArrayList<>();
        final String who = LiveText.shortName(now.name());
        final String target = "sub-" + RaceTime.target(now.targetMs());
        final String where = LiveText.at(now, course.units());
        if (now.status() == AthleteStatus.FINISHED) {
            final boolean record = course.courseRecordMs() != null && now.elapsedMs() < course.courseRecordMs();
            alerts.add(alert(Type.FINISH, now, (double) now.elapsedMs(), who + " finishes in " + now.display().elapsed()
                    + (now.elapsedMs() < now.targetMs() ? ", " + target : "") + (record ? ", a course record" : "")));
            return alerts;
        }
        if (before != null) {
            for (final double t : thresholds) {
                final String level = Math.round(t * 100) + "%";
                if (before.pTarget() < t && now.pTarget() >= t) {
                    alerts.add(alert(Type.TARGET_CHANCE_UP, now, now.pTarget(), who + "'s chance of " + target
                            + " rises above " + level + " (" + now.display().chance() + ") " + where));
                } else if (before.pTarget() >= t && now.pTarget() < t) {
                    alerts.add(alert(Type.TARGET_CHANCE_DOWN, now, now.pTarget(), who + "'s chance of " + target
                            + " falls below " + level + " (" + now.display().chance() + ") " + where));
                }
            }
            if (before.aheadOfTargetMs() >= 0 && now.aheadOfTargetMs() < 0) {
                alerts.add(alert(Type.OFF_TARGET_PACE, now, (double) now.aheadOfTargetMs(), who + " falls behind "
                        + target + " schedule, " + now.display().vsTarget() + " " + where));
            } else if (before.aheadOfTargetMs() < 0 && now.aheadOfTargetMs() >= 0) {
                alerts.add(alert(Type.BACK_ON_TARGET_PACE, now, (double) now.aheadOfTargetMs(), who + " is back on "
                        + target + " schedule, " + now.display().vsTarget() + " " + where));
            }
        }
        final Long record = course.courseRecordMs();
        if (record != null && now.projectedFinishMs() < record && (before == null || before.projectedFinishMs() >= record)) {
            alerts.add(alert(Type.RECORD_PACE, now, (double) now.projectedFinishMs(), who + " is on course-record pace: "
                    + "projected " + now.display().projectedFinish() + " against " + RaceTime.hms(record) + " " + where));
        }
        return alerts;
    }

    static RaceAlert alert(final Type type, final AthleteProjection p, final Double value, final String message) {
        return new RaceAlert(type, p.raceId(), p.athleteId(), p.name(), p.category(), p.timingPointId(), p.distanceM(),
                p.elapsedMs(), value, message, p.readAt());
    }
}
