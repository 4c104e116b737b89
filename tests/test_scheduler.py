"""The weekly report schedule, with a controlled clock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from supplyline.scheduler import ReportScheduler, due_weeks, parse_schedule


def fake_writer(archive: Path, log: list[str]):
    def write(year: int, week: int) -> None:
        label = f"{year}-W{week:02d}"
        log.append(label)
        (archive / label).mkdir(parents=True)
        (archive / label / "report.json").write_text("{}")
    return write


def test_run_at_the_scheduled_time_writes_the_previous_week(tmp_path: Path) -> None:
    """Monday 2024-06-24 06:00 UTC writes 2024-W25; a minute before, that week is not due."""
    (tmp_path / "2024-W24").mkdir()
    (tmp_path / "2024-W24" / "report.json").write_text("{}")
    written: list[str] = []
    clock = [dt.datetime(2024, 6, 24, 5, 59)]
    s = ReportScheduler(fake_writer(tmp_path, written), tmp_path, "mon 06:00", 8,
                        now=lambda: clock[0])
    assert s.run_due() == []
    clock[0] = dt.datetime(2024, 6, 24, 6, 0)
    assert s.run_due() == ["2024-W25"] == written
    assert s.run_due() == []  # exactly once


def test_restart_after_three_missed_weeks_writes_exactly_those(tmp_path: Path) -> None:
    """Down from W22's report to after W25's run: W23, W24, W25 once each, oldest first."""
    written: list[str] = []
    write = fake_writer(tmp_path, written)
    write(2024, 22)
    written.clear()
    later = dt.datetime(2024, 6, 26, 12, 0)
    s = ReportScheduler(write, tmp_path, "mon 06:00", 8, now=lambda: later)
    assert s.run_due() == ["2024-W23", "2024-W24", "2024-W25"]
    restarted = ReportScheduler(write, tmp_path, "mon 06:00", 8, now=lambda: later)
    assert restarted.run_due() == []
    assert written == ["2024-W23", "2024-W24", "2024-W25"]


def test_catch_up_is_bounded_and_an_empty_archive_writes_one_week(tmp_path: Path) -> None:
    """At most N missed weeks (the newest); nothing archived yet: only the latest week."""
    now = dt.datetime(2024, 6, 26)
    assert due_weeks(tmp_path, now, "mon 06:00", 8) == [(2024, 25)]
    (tmp_path / "2024-W10").mkdir()
    (tmp_path / "2024-W10" / "report.json").write_text("{}")
    assert due_weeks(tmp_path, now, "mon 06:00", 3) == [(2024, 23), (2024, 24), (2024, 25)]


def test_schedule_is_configurable(tmp_path: Path) -> None:
    """'wed 18:30' makes a week due on Wednesday evening; bad schedules are refused."""
    (tmp_path / "2024-W24").mkdir()
    (tmp_path / "2024-W24" / "report.json").write_text("{}")
    assert due_weeks(tmp_path, dt.datetime(2024, 6, 26, 18, 29), "wed 18:30", 8) == []
    assert due_weeks(tmp_path, dt.datetime(2024, 6, 26, 18, 30), "wed 18:30", 8) == [(2024, 25)]
    assert parse_schedule("Mon 06:00") == ("mon", 6, 0)
    for bad in ("monday 6", "xyz 06:00", "mon 25:00"):
        with pytest.raises(ValueError):
            parse_schedule(bad)


def test_apscheduler_job_is_registered_for_the_next_slot(tmp_path: Path) -> None:
    """The real APScheduler job fires next at the configured weekday and UTC time."""
    s = ReportScheduler(lambda y, w: None, tmp_path, "tue 07:15", 0)
    s.start()
    try:
        nxt = s.next_run()
        assert nxt is not None
        assert (nxt.weekday(), nxt.hour, nxt.minute) == (1, 7, 15)
        assert nxt.utcoffset() == dt.timedelta(0)
    finally:
        s.stop()


# Monday 2024-06-24 is the first day after ISO week 2024-W25; the default slot is 06:00 UTC.
CLOCKS = {
    "sunday 23:59": ("2024-06-23T23:59:00Z", "2024-W24", "2024-W24"),
    "monday 00:00": ("2024-06-24T00:00:00Z", "2024-W25", "2024-W24"),
    "monday 01:00": ("2024-06-24T01:00:00Z", "2024-W25", "2024-W24"),
    "monday 05:59": ("2024-06-24T05:59:00Z", "2024-W25", "2024-W24"),
    "monday 06:00": ("2024-06-24T06:00:00Z", "2024-W25", "2024-W25"),
    "tuesday 12:00": ("2024-06-25T12:00:00Z", "2024-W25", "2024-W25"),
}


@pytest.mark.parametrize("clock", list(CLOCKS))
def test_last_complete_week_and_the_missed_week_under_a_controlled_clock(
        clock: str, tmp_path: Path) -> None:
    """`report` without --week writes the last complete week (its Sunday is over); the
    scheduler's missed week is the newest week whose slot has passed."""
    from supplyline.reports import last_complete_week

    now, complete, missed = CLOCKS[clock]
    at = dt.datetime.fromisoformat(now.removesuffix("Z"))
    assert "{}-W{:02d}".format(*last_complete_week(at.date())) == complete
    assert ["{}-W{:02d}".format(*w) for w in due_weeks(tmp_path, at, "mon 06:00", 8)] == [missed]


@pytest.mark.parametrize("clock", ["monday 01:00", "monday 06:00", "sunday 23:59"])
def test_service_and_report_agree_on_the_week_under_a_pinned_clock(
        clock: str, seeded: Path, cli: Any) -> None:
    """With $SUPPLYLINE_NOW pinned, `serve` on an empty archive writes the missed week and
    `report` without --week the last complete one, as docs/service.md says."""
    from tests.service_helpers import running_service

    now, complete, missed = CLOCKS[clock]
    with running_service(seeded, env={"SUPPLYLINE_NOW": now}):
        pass
    archive = seeded.parent / "archive"
    assert sorted(d.name for d in archive.iterdir()) == [missed]
    assert (archive / missed / "report.html").exists()
    out = seeded.parent / "own"
    result = cli("report", "--out", str(out), "--json", env={"SUPPLYLINE_NOW": now})
    assert result.code == 0, result.err
    assert result.json()["week"] == complete
