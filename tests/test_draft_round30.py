"""supplyline draft, round 30 (issue 25): rules found on the twenty-ninth and thirtieth
blind sets (scored once before, with round 29's rules), each tested here on sentences of
our own (none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import fields, records


def test_a_contract_with_a_buyer_to_deliver_goods() -> None:
    r = records("Czechoslovak Group makes shells. In May, the group signed a contract with "
                "Ukraine's defence ministry to deliver 50,000 155mm shells by the end of the "
                "year.")[0]
    assert fields(r, "type", "supplier", "recipient", "quantity", "due_by") == {
        "type": "pledge", "supplier": "CZ", "recipient": "UA", "quantity": 50000,
        "due_by": "2024-12"}


@pytest.mark.parametrize("text", [
    "Spain spent about 1.3% of its gross domestic product on defence in 2023, the lowest "
    "share among NATO's 32 members.",
    "Ukraine got shells. Revenue rose to about 6 billion euros last year, while earnings "
    "before interest, taxes, depreciation and amortization reached 1.2 billion euros.",
    "Ukraine got shells. The US cartridge maker that the group bought last year for about "
    "$2 billion makes bullets.",
    "Ukraine got shells. Such an offering could value the company at more than 15 billion "
    "euros.",
    "Ukraine got shells. The government, which spends about 2% of economic output on its own "
    "military, praised the company.",
])
def test_no_claim(text: str) -> None:
    assert records(text) == []


def test_drones_shot_down_are_no_drones_used() -> None:
    found = records("Russia launched 50 drones overnight. The air force reported shooting "
                    "down 41 of the drones.")
    assert [r.get("quantity") for r in found] == [50]


def test_half_of_the_money_is_no_share_of_supplies() -> None:
    found = records("Portugal will give Ukraine 200 million euros in military aid this year, "
                    "with half of the money earmarked for artillery ammunition.")
    assert [r["unit"] for r in found] == ["EUR"]


def test_the_month_when() -> None:
    found = records("Ukraine fired 60 Patriot interceptors in November. That was the month when "
                    "Russia launched more than 150 cruise and ballistic missiles at the "
                    "country.")
    assert fields(found[1], "metric", "per", "quantity_low") == {
        "metric": "consumption_rate", "per": "month", "quantity_low": 150}


def test_goods_received_from_domestic_makers_are_output() -> None:
    r = records("Ukraine's defence ministry said it had received about 15,000 fibre-optic "
                "drones from domestic makers in February.")[0]
    assert fields(r, "metric", "per", "quantity") == {
        "metric": "production_rate", "per": "month", "quantity": 15000}


def test_brimstones_are_missiles() -> None:
    r = records("Britain has sent Ukraine about 700 Brimstones since May 2022.")[0]
    assert (r["unit"], r.get("item")) == ("units", "missile_unspecified")


def test_what_a_scheme_could_provide_if_paid_is_pledged() -> None:
    r = records("Prague says the scheme could provide up to 1.5 million rounds to Ukraine this "
                "year if donors keep paying.")[0]
    assert (r["type"], r.get("quantity_high")) == ("pledge", 1.5e6)


def test_a_us_state_abbreviated_ends_no_sentence() -> None:
    found = records("Lockheed Martin delivered about 12,000 Guided Multiple Launch Rocket System "
                    "rounds in 2024 from its plant in Camden, Ark., up from fewer than 9,000 in "
                    "2022, officials said.")
    assert [fields(r, "metric", "item", "quantity", "quantity_high") for r in found] == [
        {"metric": "production_rate", "item": "rocket_227mm", "quantity": 12000,
         "quantity_high": None},
        {"metric": "production_rate", "item": "rocket_227mm", "quantity": None,
         "quantity_high": 9000}]


def test_suppliers_in_a_state_ship_to_companies_in_another() -> None:
    r = records("Customs records show that suppliers in China shipped electronic components "
                "worth about $40 million to companies registered in the Alabuga zone between "
                "January and April.")[0]
    assert fields(r, "type", "supplier", "recipient", "item", "quantity") == {
        "type": "shipment", "supplier": "CN", "recipient": "RU", "item": "microelectronics",
        "quantity": 40e6}


@pytest.mark.parametrize("text", [
    "Ukraine got drones. Production moved to Russia under a licensing arrangement reportedly "
    "worth $1.5 billion.",
    "Ukraine got shells. The Latvian army has set aside about €1 billion for its own "
    "ammunition purchases until 2030.",
    "Ukraine got drones. The industry has received NT$4 billion ($130 million) in government "
    "subsidies over four years.",
])
def test_more_money_that_is_no_claim(text: str) -> None:
    assert records(text) == []


def test_a_bare_number_after_howitzers_counts_howitzers() -> None:
    assert records("Poland bought 200 K9 howitzers under a framework agreement and signed for "
                   "another 150 in late 2023.") == []


def test_a_total_of_goods_named_put_at_a_level() -> None:
    found = records("Trains have run since August 2023. The agency said North Korea had sent "
                    "more than 15,000 containers to Russia since then, and put the total number "
                    "of artillery shells at more than 8 million.")
    assert [(r["unit"], r.get("quantity_low")) for r in found] == [
        ("containers", 15000), ("rounds", 8e6)]


def test_a_consignment_filled_containers_each_holding_rounds() -> None:
    found = records("Estonia got shells from South Korea. The December consignment filled "
                    "about 40 shipping containers, each holding around 500 rounds.")
    assert [(r["type"], r.get("quantity") or r.get("factor")) for r in found] == [
        ("shipment", 40), ("conversion", 500)]


def test_guns_firing_a_bare_rate_still_fire_shells() -> None:
    r = records("Russia fires shells. Ukrainian guns fire about 5,000 a day.")[0]
    assert fields(r, "metric", "quantity", "per") == {
        "metric": "consumption_rate", "quantity": 5000, "per": "day"}


def test_the_state_department_is_the_united_states() -> None:
    r = records("The State Department approved the sale of 3,000 missiles to Ukraine in "
                "August.")[0]
    assert (r["type"], r.get("supplier"), r.get("recipient")) == ("pledge", "US", "UA")


@pytest.mark.parametrize(("text", "expected"), [
    # a plan not agreed, in the amount's own clause, drops only what is still to come
    ("Germany delivered 10,000 shells to Ukraine in May, but a further package has not been "
     "agreed.", [10000]),
    ("A proposal to supply Ukraine with up to 1 million more rounds this year has not been "
     "agreed.", []),
    # a request turned down in another clause keeps what was delivered
    ("Ukraine received 10,000 shells from Germany in May, while a request for more was "
     "turned down.", [10000]),
    # a place that was the target of drones is no aim for output
    ("Kyiv was the target of about 100 drones a night in May.", []),
])
def test_review_limits(text: str, expected: list[float]) -> None:
    assert [r.get("quantity") or r.get("quantity_high") for r in records(text)] == expected
