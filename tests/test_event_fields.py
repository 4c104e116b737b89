"""Every field rule of SPEC §2, checked through validate_record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from supplyline.events import Catalogue, PartialDate, validate_record
from tests.conftest import shipment


def errors(record: Any, cat: Catalogue) -> dict[str, str]:
    event, issues = validate_record(record, cat)
    assert (event is None) == bool(issues)
    return dict(issues)


@pytest.mark.parametrize("text,precision,first,last", [
    ("2023", "year", "2023-01-01", "2023-12-31"),
    ("2023-11", "month", "2023-11-01", "2023-11-30"),
    ("2024-02", "month", "2024-02-01", "2024-02-29"),
    ("2023-11-05", "day", "2023-11-05", "2023-11-05"),
])
def test_partial_date_keeps_precision_and_interval(text: str, precision: str, first: str,
                                                   last: str) -> None:
    """A partial date stands for its whole interval: first day as a start, last as an end."""
    d = PartialDate(text)
    assert (str(d), d.precision) == (text, precision)
    assert (d.first, d.last) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "23-11", "2023/11", "November 2023"])
def test_bad_partial_dates_are_refused(bad: str, catalogue: Catalogue) -> None:
    """Impossible or malformed dates are errors on the field that holds them."""
    assert "period_end" in errors(shipment(period_end=bad), catalogue)


def test_partial_date_survives_validation(catalogue: Catalogue) -> None:
    """A month-precision period_end is stored as the month, not as a day."""
    event, _ = validate_record(shipment(period_end="2023-11"), catalogue)
    assert event.model_dump(mode="json")["period_end"] == "2023-11"


@pytest.mark.parametrize("bad", ["2024-02", "2024", "27/02/2024", "2024-02-27T10:00:00"])
def test_reported_on_must_be_a_full_date(bad: str, catalogue: Catalogue) -> None:
    """reported_on must be YYYY-MM-DD."""
    assert "reported_on" in errors(shipment(reported_on=bad), catalogue)


def test_period_end_not_before_period_start(catalogue: Catalogue) -> None:
    """period_end >= period_start, comparing the intervals they stand for."""
    assert "period_end" in errors(
        shipment(measure="increment", period_start="2024-03", period_end="2024-02"), catalogue)
    assert errors(shipment(measure="increment", period_start="2024-02", period_end="2024-02"),
                  catalogue) == {}


@pytest.mark.parametrize("fields,field", [
    ({"quantity_low": 5, "quantity_high": 3, "quantity": None}, "quantity_low"),
    ({"quantity_low": 5, "quantity": 4}, "quantity_low"),
    ({"quantity_high": 3, "quantity": 4}, "quantity_high"),
    ({"quantity": -1}, "quantity"),
    ({"quantity": None}, "quantity"),
])
def test_quantity_bounds(fields: dict[str, Any], field: str, catalogue: Catalogue) -> None:
    """low <= quantity <= high, all >= 0, and at least one of the three."""
    assert field in errors(shipment(**fields), catalogue)


def test_one_sided_quantities_are_valid(catalogue: Catalogue) -> None:
    """'More than 1 million' is quantity_low alone; 'up to 4.8 million' is quantity_high."""
    assert errors(shipment(quantity=None, quantity_low=1_000_000), catalogue) == {}
    assert errors(shipment(quantity=None, quantity_high=4_800_000), catalogue) == {}


@pytest.mark.parametrize("given,code", [("North Korea", "KP"), ("DPRK", "KP"), ("kp", "KP"),
                                        ("Russian Federation", "RU"), ("U.S.", "US")])
def test_party_aliases_normalise(given: str, code: str, catalogue: Catalogue) -> None:
    """Common names and aliases become upper-case codes."""
    other = "UA" if code == "RU" else "RU"
    event, _ = validate_record(shipment(supplier=given, recipient=other), catalogue)
    assert event.supplier == code


def test_unit_aliases_normalise(catalogue: Catalogue) -> None:
    """'shells' is stored as 'rounds', 'tonnes' as 'metric_tons'."""
    assert validate_record(shipment(unit="shells"), catalogue)[0].unit == "rounds"
    assert validate_record(shipment(unit="tonnes"), catalogue)[0].unit == "metric_tons"


def test_unknown_codes_name_the_closest_known(catalogue: Catalogue) -> None:
    """A typo in a party or item is an error naming the closest known codes."""
    errs = errors(shipment(supplier="Nort Korea", item="shell_15mm", unit="boxes"), catalogue)
    assert "KP (North Korea)" in errs["supplier"]
    assert "shell_155mm" in errs["item"]
    assert "rounds" in errs["unit"]


def test_unknown_field_is_an_error_with_a_suggestion(catalogue: Catalogue) -> None:
    """A misspelt field is never dropped silently."""
    record = shipment()
    record["quantiy_low"] = 5
    assert errors(record, catalogue) == {"quantiy_low": "unknown field (did you mean "
                                                        "'quantity_low'?)"}


def test_field_of_another_type_is_refused(catalogue: Catalogue) -> None:
    """A pledge's due_by on a shipment is an error, not ignored."""
    assert "due_by" in errors(shipment(due_by="2024-12"), catalogue)


@pytest.mark.parametrize("kind,record,missing", [
    ("shipment", {}, {"supplier", "recipient", "item", "unit", "measure", "period_end"}),
    ("pledge", {}, {"supplier", "recipient", "item", "unit", "period_start", "due_by"}),
    ("estimate", {}, {"metric", "unit", "period_end"}),
    ("meeting", {}, {"title", "participants", "period_start"}),
    ("conversion", {}, {"from_unit", "to_unit"}),
    ("retraction", {}, {"target", "reason"}),
])
def test_required_fields_per_type(kind: str, record: dict[str, Any], missing: set[str],
                                  catalogue: Catalogue) -> None:
    """Each type lists its own required fields, all at once."""
    base = {"type": kind, "reported_on": "2024-01-01", "source": "s", **record}
    errs = errors(base, catalogue)
    assert missing <= set(errs)
    assert all(errs[f] == "is required" for f in missing)


def test_increment_needs_period_start(catalogue: Catalogue) -> None:
    """An increment covers a period, so it needs its start."""
    assert "period_start" in errors(shipment(measure="increment"), catalogue)


def test_rate_estimates_need_per_and_shares_need_parties(catalogue: Catalogue) -> None:
    """Rates need `per`; supply_share needs supplier and recipient."""
    base = {"type": "estimate", "reported_on": "2024-01-01", "source": "s", "quantity": 1,
            "unit": "rounds", "period_end": "2024-01"}
    assert "per" in errors({**base, "metric": "consumption_rate"}, catalogue)
    share = errors({**base, "metric": "supply_share", "unit": "percent"}, catalogue)
    assert {"supplier", "recipient"} <= set(share)
    assert errors({**base, "metric": "stock", "subject": "RU"}, catalogue) == {}


def test_conversion_factors(catalogue: Catalogue) -> None:
    """factor, or factor_low and factor_high; all > 0; low <= factor <= high."""
    base = {"type": "conversion", "reported_on": "2024-01-01", "source": "s",
            "from_unit": "containers", "to_unit": "shells"}
    assert "factor" in errors(base, catalogue)
    assert "factor_high" in errors({**base, "factor_low": 2}, catalogue)
    assert "factor" in errors({**base, "factor": 0}, catalogue)
    assert "factor_low" in errors({**base, "factor_low": 5, "factor_high": 3}, catalogue)
    assert errors({**base, "factor_low": 3, "factor_high": 5}, catalogue) == {}


def test_meeting_participants_from_csv_style_list(catalogue: Catalogue) -> None:
    """Participants may be a list or ';'-joined names, normalised to codes."""
    record = {"type": "meeting", "reported_on": "2024-06-19", "source": "s", "title": "Summit",
              "participants": "Russia;North Korea", "period_start": "2024-06-19"}
    event, _ = validate_record(record, catalogue)
    assert event.participants == ["RU", "KP"]
    assert "participants" in errors({**record, "participants": []}, catalogue)


@pytest.mark.parametrize("field,value", [
    ("reliability", "G"), ("credibility", 7), ("credibility", 0), ("url", "ftp://x"),
    ("event_id", "has space"), ("event_id", "x" * 65), ("source", ""), ("source", "s" * 201),
    ("type", "delivery"),
])
def test_common_field_rules(field: str, value: Any, catalogue: Catalogue) -> None:
    """Admiralty grades, URL, event_id pattern, source length and the type are checked."""
    assert field in errors(shipment(**{field: value}), catalogue)


def test_defaults_for_grades(catalogue: Catalogue) -> None:
    """Absent grades default to the Admiralty 'cannot be judged': F and 6."""
    event, _ = validate_record(shipment(), catalogue)
    assert (event.reliability, event.credibility) == ("F", 6)


def test_every_error_of_a_record_is_listed(catalogue: Catalogue) -> None:
    """Several bad fields give several errors, not just the first."""
    errs = errors(shipment(reported_on="2024", supplier="Atlantis", quantity=-5, credibility=9),
                  catalogue)
    assert {"reported_on", "supplier", "quantity", "credibility"} <= set(errs)


def test_catalogue_extension_without_code(catalogue: Catalogue) -> None:
    """Users add parties, aliases and items as data; validation then accepts them."""
    catalogue.apply([
        {"kind": "party", "code": "HOUTHI", "name": "Ansar Allah", "unit": None,
         "aliases": '["Houthis"]'},
        {"kind": "item", "code": "shell_203mm", "name": "203 mm artillery shell",
         "unit": "shells", "aliases": None},
        {"kind": "item_alias", "code": "rocket_122mm", "name": "Grad rocket", "unit": None,
         "aliases": None},
    ])
    event, _ = validate_record(shipment(supplier="Houthis", item="shell_203mm"), catalogue)
    assert (event.supplier, event.item) == ("HOUTHI", "shell_203mm")
    assert catalogue.items["shell_203mm"].unit == "rounds"
    assert catalogue.item("Grad rocket").code == "rocket_122mm"


@pytest.mark.parametrize("kind", [{}, [], 3, None, True, "Shipment "])
def test_type_of_any_json_shape_is_an_error_not_a_crash(kind: Any,
                                                        catalogue: Catalogue) -> None:
    """A `type` that is an object, list, number or null is reported on the field."""
    assert "type" in errors({"type": kind, "reported_on": "2024-01-01", "source": "s"},
                            catalogue)


@pytest.mark.parametrize("field,value,message", [
    ("quantity", 1e308, "must be at most 1e+12"),
    ("quantity_low", 1000000000001.0, "must be at most 1e+12"),
    ("reported_on", "0001-01-01", "must be between 1900 and 2200"),
    ("reported_on", "1899-12-31", "must be between 1900 and 2200"),
    ("period_end", "9999-12-31", "must be between 1900 and 2200"),
    ("period_end", "2201", "must be between 1900 and 2200"),
    ("period_start", "1899-12", "must be between 1900 and 2200"),
])
def test_values_outside_realistic_ranges_are_field_errors(catalogue: Catalogue, field: str,
                                                          value: Any, message: str) -> None:
    """Quantities past 1e12 and dates outside 1900-2200 are refused, naming the bound."""
    record = shipment(**{field: value})
    if field == "period_start":
        record.update(measure="increment")
    event, issues = validate_record(record, catalogue)
    assert event is None and [f for f, _ in issues] == [field]
    assert message in issues[0][1]


def test_realistic_ranges_reach_their_bounds(catalogue: Catalogue) -> None:
    """The bounds themselves are valid: 1e12, 1900-01-01, 2200-12-31, factors 1e-9 and 1e9."""
    assert validate_record(shipment(quantity=1e12), catalogue)[1] == []
    pledge = {"type": "pledge", "reported_on": "2024-01-01", "source": "s", "supplier": "EU",
              "recipient": "UA", "item": "shell_155mm", "quantity": 1e12, "unit": "rounds",
              "period_start": "2024-01", "due_by": "2200-12-31"}
    assert validate_record(pledge, catalogue)[1] == []
    assert validate_record(shipment(reported_on="1900-01-01", period_end="1900"),
                           catalogue)[1] == []
    for factor in (1e-9, 1e9):
        assert validate_record(conversion(factor=factor), catalogue)[1] == []
    for factor, field in ((1e307, "factor"), (1e-10, "factor")):
        _, issues = validate_record(conversion(factor=factor), catalogue)
        assert [f for f, _ in issues] == [field]
        assert "between 1e-09 and 1e+09" in issues[0][1]


def test_quantity_and_factor_bounds_follow_the_environment(
        catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """$SUPPLYLINE_MAX_QUANTITY and $SUPPLYLINE_MAX_FACTOR move the bounds."""
    monkeypatch.setenv("SUPPLYLINE_MAX_QUANTITY", "1e15")
    monkeypatch.setenv("SUPPLYLINE_MAX_FACTOR", "1e12")
    assert validate_record(shipment(quantity=1e14), catalogue)[1] == []
    assert validate_record(conversion(factor=1e11), catalogue)[1] == []
    _, issues = validate_record(shipment(quantity=2e15), catalogue)
    assert issues == [("quantity", "must be at most 1e+15 (a realistic quantity; "
                                   "$SUPPLYLINE_MAX_QUANTITY changes the bound)")]


def conversion(**overrides: Any) -> dict[str, Any]:
    return {"type": "conversion", "reported_on": "2024-01-01", "source": "s",
            "from_unit": "containers", "to_unit": "rounds", **overrides}
