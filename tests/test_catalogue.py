"""The built-in catalogue: every state, the names users type, the words the news uses,
items with their units, and unknown codes that name a few close ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pycountry
import pytest

from supplyline.events import Catalogue, EventLog, validate_record
from supplyline.events.catalogue import item_key, party_key
from tests.conftest import shipment, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
V1 = json.loads((ROOT / "tests" / "fixtures" / "catalogue-v1.json").read_text("utf-8"))
ISO = sorted(c.alpha_2 for c in pycountry.countries)


def _other(code: str) -> str:
    return "RU" if code != "RU" else "UA"


def test_every_iso_state_is_accepted_in_every_party_field(tmp_path: Path) -> None:
    """Each ISO 3166-1 alpha-2 code (from pycountry) ingests as supplier, recipient,
    subject and participant, through the column-wise CSV path and the per-record path."""
    header = ("type,reported_on,source,supplier,recipient,item,quantity,unit,measure,"
              "period_end,metric,subject,title,participants,period_start")
    lines = [header]
    for code in ISO:
        lines += [f"shipment,2024-02-01,s,{code},{_other(code)},shell_155mm,1,rounds,"
                  f"cumulative,2024-01,,,,,",
                  f"shipment,2024-02-01,s,{_other(code)},{code},shell_155mm,2,rounds,"
                  f"cumulative,2024-01,,,,,",
                  f"estimate,2024-02-01,s,,,,3,rounds,,2024-01,stock,{code},,,",
                  f"meeting,2024-02-01,s,,,,,,,,,,Talks,{code};{_other(code)},2024-01"]
    csv_path = tmp_path / "states.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "states.jsonl", [
        shipment(supplier=code, recipient=_other(code), quantity=4) for code in ISO])
    from supplyline.ingest import ingest

    with EventLog(tmp_path / "log.duckdb") as log:
        result = ingest(log, [csv_path, jsonl])
        assert result.appended == 5 * len(ISO)
        events = log.read()
    suppliers = {e["supplier"] for e in events if e["type"] == "shipment"}
    assert set(ISO) <= suppliers
    assert {e["subject"] for e in events if e["type"] == "estimate"} == set(ISO)
    assert {e["participants"][0] for e in events if e["type"] == "meeting"} == set(ISO)


def test_every_iso_name_resolves_to_its_code(catalogue: Catalogue) -> None:
    """pycountry's name, official name and common name of each state are accepted, except
    the few words that stand for several states (listed as ambiguous)."""
    ambiguous = {party_key(w) for w in catalogue.ambiguous}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name and party_key(name) not in ambiguous:
                assert catalogue.party(name) == c.alpha_2, name


@pytest.mark.parametrize(("given", "code"), [
    ("Czech Republic", "CZ"), ("Czechia", "CZ"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("turkiye", "TR"), ("Republic of Türkiye", "TR"), ("Republic of Korea", "KR"),
    ("South Korea", "KR"), ("Democratic People's Republic of Korea", "KP"),
    ("Democratic People’s Republic of Korea", "KP"), ("North Korea", "KP"), ("DPRK", "KP"),
    ("Britain", "GB"), ("United Kingdom", "GB"), ("UK", "GB"), ("Islamic Republic of Iran", "IR"),
    ("Iran", "IR"), ("Russian Federation", "RU"), ("Netherlands", "NL"), ("Holland", "NL"),
    ("Kingdom of Sweden", "SE"), ("Norway", "NO"), ("United States of America", "US"),
    ("U.S.", "US"), ("the Gambia", "GM"), ("Cote d'Ivoire", "CI"), ("Ivory Coast", "CI"),
    ("DR Congo", "CD"), ("Burma", "MM"), ("Vatican", "VA"),
    # demonyms: a demonym in a party field is clearly meant
    ("North Korean", "KP"), ("South Korean", "KR"), ("Russian", "RU"), ("Czech", "CZ"),
    ("Iranian", "IR"), ("Ukrainian", "UA"), ("American", "US"), ("British", "GB"),
    ("Belarusian", "BY"), ("Dutch", "NL"), ("Swedish", "SE"), ("Turkish", "TR"),
    # blocs and a group (a non-state actor's code is longer than two letters)
    ("European Union", "EU"), ("E.U.", "EU"), ("North Atlantic Alliance", "NATO"),
    ("Wagner Group", "WAGNER"), ("PMC Wagner", "WAGNER"),
    # capitals that version 1 accepted stay accepted
    ("Pyongyang", "KP"), ("Seoul", "KR"), ("Moscow", "RU"), ("Kyiv", "UA"),
])
def test_names_demonyms_and_aliases_normalise_to_codes(given: str, code: str,
                                                        catalogue: Catalogue) -> None:
    """A name, official name, alias or demonym in a party field is stored as the code."""
    event, issues = validate_record(shipment(supplier=given, recipient="ZA"), catalogue)
    assert issues == [] and event is not None and event.supplier == code


@pytest.mark.parametrize(("given", "code"), [
    ("152-millimeter artillery shells", "shell_152mm"), ("152mm", "shell_152mm"),
    ("152 mm shells", "shell_152mm"), ("6-inch shells", "shell_152mm"),
    ("155-mm rounds", "shell_155mm"), ("155 millimetre shells", "shell_155mm"),
    ("122mm shells", "shell_122mm"), ("105mm rounds", "shell_105mm"),
    ("artillery ammunition", "shell_artillery"), ("rounds of artillery", "shell_artillery"),
    ("artillery shell", "shell_artillery"), ("tank rounds", "shell_tank"),
    ("82mm mortar rounds", "mortar_round"), ("mortar bombs", "mortar_round"),
    ("Grad rockets", "rocket_122mm"), ("Grad rocket", "rocket_122mm"),
    ("GMLRS", "rocket_227mm"), ("KN-23", "missile_srbm"), ("Hwasong-11", "missile_srbm"),
    ("Kh-101", "missile_cruise"), ("Patriot missiles", "missile_air_defence"),
    ("missiles", "missile_unspecified"), ("Shahed-136", "drone_shahed"),
    ("Geran-2", "drone_shahed"), ("FPV drones", "drone_fpv"), ("drones", "drone_combat"),
    ("glide bombs", "glide_bomb"), ("small arms ammunition", "ammo_small_arms"),
    ("7.62mm", "ammo_small_arms"),
])
def test_item_aliases_articles_use(given: str, code: str, catalogue: Catalogue) -> None:
    """The words articles use for munitions resolve to item codes."""
    assert catalogue.item(given).code == code


def test_items_have_canonical_units(catalogue: Catalogue) -> None:
    """Shells, rockets and cartridges count in rounds; missiles, drones and bombs in units."""
    units = {code: item.unit for code, item in catalogue.items.items()}
    for code in ("shell_artillery", "shell_152mm", "shell_155mm", "shell_122mm",
                 "shell_105mm", "shell_tank", "mortar_round", "rocket_122mm", "rocket_227mm",
                 "ammo_small_arms"):
        assert units[code] == "rounds", code
    for code in ("missile_srbm", "missile_cruise", "missile_air_defence",
                 "missile_unspecified", "drone_shahed", "drone_fpv", "drone_combat",
                 "glide_bomb"):
        assert units[code] == "units", code


def test_version_1_codes_and_names_keep_their_meaning(catalogue: Catalogue) -> None:
    """Every code, name and alias of built-in catalogue version 1 means what it meant, and
    version 1's items keep their names and units (stored events keep their meaning)."""
    assert catalogue.version == 2
    for code, spec in V1["parties"].items():
        assert catalogue.party_names[code] == spec["name"]
        for word in (code, spec["name"], *spec["aliases"]):
            assert catalogue.party(word) == code, word
    for code, spec in V1["items"].items():
        assert (catalogue.items[code].name, catalogue.items[code].unit) == (
            spec["name"], spec["unit"])
        assert catalogue.item(spec["name"]).code == code
    for unit, aliases in V1["units"].items():
        assert all(catalogue.unit(a) == unit for a in (unit, *aliases))


def test_each_accepted_word_names_one_code() -> None:
    """No built-in word is given to two codes (one would silently win)."""
    data = json.loads((ROOT / "events" / "catalogue.json").read_text("utf-8"))
    states = json.loads((ROOT / "events" / "states.json").read_text("utf-8"))["states"]
    owner: dict[str, str] = {}
    for code, spec in {**states, **data["parties"]}.items():
        for w in (code, spec["name"], *spec.get("aliases", []), *spec.get("demonyms", [])):
            assert owner.setdefault(party_key(w), code) == code, (w, owner[party_key(w)], code)
    owner = {}
    for code, spec in data["items"].items():
        for w in (code, spec["name"], *spec.get("aliases", [])):
            assert owner.setdefault(item_key(w), code) == code, (w, owner[item_key(w)], code)


def test_states_file_is_generated_from_its_sources() -> None:
    """events/states.json is exactly what tools/make_catalogue.py writes from pycountry,
    countryinfo and tools/state_words.json: nobody typed it."""
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "make_catalogue.py"),
                           "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr + proc.stdout


def _codes_named(message: str) -> list[str]:
    return re.findall(r"\b([A-Z]{2,6}|[a-z]+_[a-z0-9_]+) \(", message)


@pytest.mark.parametrize(("given", "first"), [
    ("CZE", "CZ"), ("TUR", "TR"), ("Czech Republik", "CZ"), ("Nort Korea", "KP"),
    ("Frnace", "FR"), ("Ukrane", "UA")])
def test_unknown_party_names_a_few_close_codes(given: str, first: str,
                                               catalogue: Catalogue) -> None:
    """The message names the closest codes with their names, never the whole list, and
    says how to add a party."""
    msg = validate_record(shipment(supplier=given), catalogue)[1][0][1]
    named = _codes_named(msg)
    assert 1 <= len(named) <= 5 and named[0] == first, msg
    assert f"{first} ({catalogue.party_names[first]})" in msg
    assert "supplyline catalogue add-party CODE NAME" in msg


def test_unknown_party_messages(catalogue: Catalogue) -> None:
    """The issue's example; a capital is refused with the state it stands for; a word for
    several states names each; nothing close says how to search."""
    assert catalogue_message(catalogue, "CZE").startswith(
        "unknown party 'CZE': did you mean CZ (Czechia)?")
    washington = catalogue_message(catalogue, "Washington")
    assert "US (United States)" in washington and "write US" in washington
    assert "EU (European Union)" in catalogue_message(catalogue, "Brussels")
    assert "RU (Russia)" in catalogue_message(catalogue, "the Kremlin")
    korea = catalogue_message(catalogue, "Korea")
    assert "KP (North Korea) or KR (South Korea)" in korea
    nothing = catalogue_message(catalogue, "Qqqqqq")
    assert "catalogue list --kind party --search" in nothing and "add-party" in nothing


def catalogue_message(cat: Catalogue, value: str) -> str:
    with pytest.raises(ValueError) as exc:
        cat.party(value)
    return str(exc.value)


def test_unknown_item_names_a_few_close_codes_and_how_to_add(catalogue: Catalogue) -> None:
    """An unknown item names at most five close items with their names and says how to add
    an item or an alias."""
    msg = validate_record(shipment(item="shell_15mm"), catalogue)[1][0][1]
    named = _codes_named(msg)
    assert 1 <= len(named) <= 5 and named[0] == "shell_155mm"
    assert "shell_155mm (155 mm artillery shell)" in msg
    assert "supplyline catalogue add-item CODE NAME --unit UNIT" in msg
    assert "supplyline catalogue add-alias item 'shell_15mm' CODE" in msg


def test_news_words_for_the_drafter(catalogue: Catalogue) -> None:
    """news_words lists the words articles use with their codes and whether a field
    accepts them: demonyms yes, capitals and seats no (except version 1's four), items'
    aliases yes; no bare two-letter codes; longest phrases first."""
    words = catalogue.news_words()
    by = {(w.field, w.phrase): w for w in words}
    assert (by["party", "North Korean"].code, by["party", "North Korean"].kind,
            by["party", "North Korean"].accepted) == ("KP", "demonym", True)
    for phrase, code in (("Washington", "US"), ("the Kremlin", "RU"), ("Tehran", "IR"),
                         ("Brussels", "EU"), ("Beijing", "CN")):
        assert (by["party", phrase].code, by["party", phrase].kind,
                by["party", phrase].accepted) == (code, "place", False)
    assert (by["party", "Pyongyang"].kind, by["party", "Pyongyang"].accepted) == ("place", True)
    assert by["item", "Geran-2"].code == "drone_shahed" and by["item", "Geran-2"].accepted
    assert not any(w.phrase in ("NO", "IT", "IN") for w in words)
    assert not any(party_key(w.phrase) == "korean" for w in words)
    assert [len(w.phrase) for w in words] == sorted((len(w.phrase) for w in words),
                                                    reverse=True)
    assert by["party", "US"].case_sensitive and not by["party", "Russian"].case_sensitive
    grad = next(w for w in words if w.key == item_key("grad rocket"))
    assert grad.code == "rocket_122mm" and grad.key == item_key("Grad rockets")


def test_the_logs_own_entries_join_the_news_words(catalogue: Catalogue) -> None:
    """An alias a user adds is a word the drafter looks for too."""
    catalogue.apply([{"kind": "item_alias", "code": "shell_152mm", "name": "Krasnopol",
                      "unit": None, "aliases": "[]"}])
    assert any(w.phrase == "Krasnopol" and w.code == "shell_152mm"
               for w in catalogue.news_words())


def test_additions_may_not_change_what_a_code_or_name_means(cli: Any) -> None:
    """add-party/add-item of a known code, or an alias already naming another code, is
    refused with what to do instead; new codes and free names are added."""
    r = cli("catalogue", "add-party", "CZ", "Czechia")
    assert r.code == 2 and "already known (Czechia)" in r.err and "add-alias party" in r.err
    r = cli("catalogue", "add-item", "shell_152mm", "x", "--unit", "units")
    assert r.code == 2 and "a code keeps its meaning" in r.err
    r = cli("catalogue", "add-alias", "item", "Grad", "shell_152mm")
    assert r.code == 2 and "already names rocket_122mm" in r.err
    r = cli("catalogue", "add-party", "KV", "Kosovo")
    assert r.code == 2 and "three or more letters" in r.err and "XK" in r.err
    assert cli("catalogue", "add-party", "XK", "Kosovo").code == 0
    assert cli("catalogue", "add-party", "WAGNER_AC", "Africa Corps").code == 0
    assert cli("catalogue", "add-alias", "party", "Washington", "US").code == 0
    listing = cli("catalogue", "list", "--kind", "party", "--search", "africa corps",
                  "--json").json()
    assert [(p["code"], p["kind"]) for p in listing["parties"]] == [("WAGNER_AC", "added")]
    us = cli("catalogue", "list", "--search", "washington", "--json").json()["parties"]
    assert [p["code"] for p in us] == ["US"] and "Washington" in us[0]["aliases"]
