"""The weekly report job (APScheduler 3.11) and the catch-up of weeks missed while the
service was down. The report archive on disk is the record of what was written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supplyline.events.clock import utcnow
from supplyline.reports.weeks import last_complete_week, week_bounds, week_label

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_schedule(text: str) -> tuple[str, int, int]:
    """``"mon 06:00"`` -> ("mon", 6, 0); the time is UTC."""
    try:
        day, clock = text.strip().lower().split()
        hour, minute = (int(x) for x in clock.split(":"))
    except ValueError:
        raise ValueError(f"schedule {text!r} should look like 'mon 06:00'") from None
    if day not in DAYS or not (0 <= hour < 24 and 0 <= minute < 60):
        raise ValueError(f"schedule {text!r} should look like 'mon 06:00'")
    return day, hour, minute


def archived(reports: Path, label: str) -> bool:
    return (reports / label / "report.json").is_file()


def due_weeks(reports: Path, now: dt.datetime, schedule: str, limit: int
              ) -> list[tuple[int, int]]:
    """Weeks whose report should exist by ``now`` but is not in the archive, oldest first.

    A week is due once its scheduled run (the schedule's day and time after the week's
    Sunday) has passed. Missed weeks are those after the newest archived one, at most
    ``limit`` of them; an empty archive means the service never ran, so only the latest
    due week is written. A week already archived is never written again.
    """
    day, hour, minute = parse_schedule(schedule)
    year, week = last_complete_week(now.date())
    sunday = week_bounds(year, week)[1]
    due = []
    for back in range(max(limit, 1) + 1):
        end = sunday - dt.timedelta(days=7 * back)
        run = dt.datetime.combine(end + dt.timedelta(days=DAYS.index(day) + 1),
                                  dt.time(hour, minute))
        if run <= now:
            iso = end.isocalendar()
            due.append((iso.year, iso.week))
    newest = _newest_archived(reports)
    due = (due[:1] if newest is None
           else [w for w in due if week_label(*w) > newest][:max(limit, 1)])
    return sorted(w for w in due if not archived(reports, week_label(*w)))


def _newest_archived(reports: Path) -> str | None:
    if not reports.is_dir():
        return None
    names = [d.name for d in reports.iterdir() if archived(reports, d.name)]
    return max(names) if names else None


class ReportScheduler:
    """Runs ``write(year, week)`` every week at the schedule, and for missed weeks on start."""

    def __init__(self, write: Callable[[int, int], Any], reports: Path, schedule: str,
                 catch_up_weeks: int,
                 now: Callable[[], dt.datetime] = utcnow) -> None:
        self.write, self.reports, self.schedule = write, reports, schedule
        self.limit, self.now = catch_up_weeks, now
        self.scheduler: Any = None

    def run_due(self) -> list[str]:
        """Write every due week missing from the archive; returns the weeks written."""
        done = []
        for year, week in due_weeks(self.reports, self.now(), self.schedule, self.limit):
            self.write(year, week)
            done.append(week_label(year, week))
        return done

    def start(self) -> list[str]:
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.cron import CronTrigger

        written = self.run_due()
        day, hour, minute = parse_schedule(self.schedule)
        self.scheduler = BackgroundScheduler(timezone=dt.UTC)
        self.scheduler.add_job(self.run_due, CronTrigger(day_of_week=day, hour=hour,
                                                         minute=minute, timezone=dt.UTC),
                               id="weekly-report", coalesce=True, max_instances=1,
                               misfire_grace_time=6 * 3600)
        self.scheduler.start()
        return written

    def next_run(self) -> dt.datetime | None:
        job = self.scheduler.get_job("weekly-report") if self.scheduler else None
        return job.next_run_time if job else None

    def stop(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
