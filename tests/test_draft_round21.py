"""supplyline draft, round 21 (issue 25): whose figure an estimate is, from the misses of
the former blind sets that were already read (none from a set never read), each rule
tested here on sentences of our own (none is a phrase of an article)."""

from __future__ import annotations

import pytest

from tests.draft_helpers import records


def _subjects(text: str) -> list[str | None]:
    return [r.get("subject") for r in records(text) if r["type"] == "estimate"]


@pytest.mark.parametrize(("text", "expected"), [
    # the war is named, not a party: the figure is the Army's, in an article on the US
    ("The US has sent 2,000 rounds to Ukraine. Before Russia's full-scale invasion, the Army's "
     "plants filled about 15,000 155mm shells a month.", ["US"]),
    ("The United States sent Ukraine 500 rounds. Since Russia invaded, the Army has lifted "
     "output to 45,000 shells a month.", ["US"]),
    # "the war in Ukraine" names no party either
    ("Before the war in Ukraine, Spanish factories made about 25,000 rounds a year.", ["ES"]),
])
def test_the_war_named_is_no_subject(text: str, expected: list[str | None]) -> None:
    assert _subjects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "the Army" in an article naming the United States is the US Army; "the service" after it
    ("Washington has sent Kyiv 3,000 rounds. The Army turns out some 40,000 155mm shells a "
     "month. The service wants to reach 80,000 a month by next year.", ["US", "US"]),
    # an army named with its state before: "the British Army", then "the Army"
    ("The British Army has given Ukraine 400 rounds. The Army holds about 12,000 rounds of "
     "155mm ammunition, a think tank estimates.", ["GB"]),
])
def test_the_army_is_the_army_named_before(text: str, expected: list[str | None]) -> None:
    assert _subjects(text) == expected


def test_the_army_is_no_one_in_an_article_naming_no_army_or_united_states() -> None:
    assert _subjects("The Army fires about 3,000 rounds a day.") == [None]


@pytest.mark.parametrize(("text", "expected"), [
    ("Rheinmetall is opening a plant in Romania that should make 60,000 shells a year.",
     ["RO"]),
    ("Nammo produces about 40,000 155mm shells a year in Finland, the company said.", ["FI"]),
    ("The group has doubled output at its Spanish plants to 150,000 rounds a year.", ["ES"]),
    ("Bulgarian factories are working at about 85 percent of capacity.", ["BG"]),
    # where goods are fired is no site: Russia makes them, for use in Ukraine
    ("Russia assembles about 2,500 drones a month for use in Ukraine.", ["RU"]),
])
def test_where_goods_are_made_is_whose_output(text: str, expected: list[str | None]) -> None:
    assert _subjects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukrainian gun crews fire about 3,000 rounds a day, against some 9,000 a day on the "
     "Russian side.", ["UA", "RU"]),
    ("On the Ukrainian side, batteries fire roughly 2,500 shells a day, the officer said.",
     ["UA"]),
    ("Russian aviation dropped about 3,000 glide bombs in May.", ["RU"]),
    ("Ukrainian workshops assembled more than a million drones last year.", ["UA"]),
])
def test_whose_side_workshops_and_aviation(text: str, expected: list[str | None]) -> None:
    assert _subjects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "Its" is the state named in the sentence before, not a source named there
    ("North Korea has shipped shells to Russia. Its arms plants are running at close to "
     "full capacity.", ["KP"]),
    ("Russia's output of drones is rising, according to Ukrainian intelligence. It now "
     "assembles about 2,700 Shahed drones a month.", ["RU"]),
])
def test_its_is_the_state_named_just_before(text: str, expected: list[str | None]) -> None:
    assert _subjects(text) == expected


def test_a_party_in_a_later_clause_leaves_the_figure_to_the_estimate_before() -> None:
    """"that had risen to N, officials said, and Poland wants M": N stays the figure of the
    party of the estimate before."""
    rs = [r for r in records("Germany makes about 20,000 155mm shells a month. By May, that "
                              "had risen to about 25,000 a month, officials said, and Poland "
                              "plans a new plant.") if r["type"] == "estimate"]
    assert [(r.get("quantity"), r.get("subject"), r.get("item")) for r in rs] == [
        (20000, "DE", "shell_155mm"), (25000, "DE", "shell_155mm")]


def test_the_same_party_s_next_figure_keeps_its_calibre() -> None:
    """The calibre of the same party's last figure of the same kind carries to its next
    figure in plain 'rounds'; 'of all types' keeps them general."""
    rs = records("The Army makes about 40,000 155mm shells a month, the Pentagon says. The "
                 "Army aims to reach 100,000 rounds a month by 2026.")
    assert [r.get("item") for r in rs if r["type"] == "estimate"] == [
        "shell_155mm", "shell_155mm"]
    rs = records("Ukraine makes about 200,000 FPV drones a month. Kyiv wants its industry to "
                 "build 5 million drones of all types next year.")
    assert [r.get("item") for r in rs if r["type"] == "estimate"] == [
        "drone_fpv", "drone_combat"]


def _items(text: str) -> list[str | None]:
    return [r.get("item") for r in records(text) if r["type"] == "estimate"]


@pytest.mark.parametrize(("text", "expected"), [
    # one plant's capacity is of what the article's production figure before is of
    ("The factory fills about 8,000 mortar rounds a month. The plant is working at about 70 "
     "percent of capacity, its director said.", ["mortar_round", "mortar_round"]),
    # an industry's capacity is of no one item
    ("Ukraine makes about 150,000 FPV drones a month. Yet its arms industry is using only "
     "about half of its capacity.", ["drone_fpv", None]),
])
def test_a_plant_s_capacity_is_of_what_it_makes(text: str, expected: list[str | None]) -> None:
    assert _items(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Russia's plain "drones" in an article on Shahed drones are Shaheds
    ("Russia now assembles Shahed drones at Alabuga. Overnight Russia launched 310 drones "
     "at Ukrainian cities.", ["drone_shahed"]),
    # Ukraine's drones are not Shaheds, whatever the article named before
    ("Russia now assembles Shahed drones at Alabuga. Ukraine built 2 million drones last "
     "year.", ["drone_combat"]),
    # without a Shahed named before, drones stay drones
    ("Overnight Russia launched 310 drones at Ukrainian cities.", ["drone_combat"]),
])
def test_russia_s_drones_after_shaheds_are_shaheds(text: str, expected: list[str | None]
                                                   ) -> None:
    assert _items(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a year's or a month's total so far is an increment over that year or month, up to the day
    ("Norway has delivered about 20,000 rounds to Ukraine so far this year.",
     ("increment", "2024-01", "2024-06-27")),
    ("The scheme has shipped roughly 90,000 shells to Ukraine so far this month, an official "
     "said.", ("increment", "2024-06", "2024-06-27")),
    # "so far" alone is a running total
    ("Norway has delivered about 20,000 rounds to Ukraine so far.",
     ("cumulative", None, "2024-06-27")),
    # the first months of a year are those months
    ("Poland sent about 40,000 shells to Ukraine in the first four months of 2024.",
     ("increment", "2024-01", "2024-04")),
    ("Exports of drones from Iran to Russia came to about 900 in the first 3 months of last "
     "year.", ("increment", "2023-01", "2023-03")),
])
def test_so_far_this_year_and_the_first_months_of_a_year(text: str,
                                                         expected: tuple[str, ...]) -> None:
    r = records(text)[0]
    assert (r["measure"], r.get("period_start"), r["period_end"]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("MBDA makes Aster interceptors in France. The site built about 300 of the missiles last "
     "year.", "missile_air_defence"),
    ("The Army buys 155mm shells from three plants. Those plants fill about 20,000 such shells "
     "a month.", "shell_155mm"),
    ("Nammo is the main maker of 155mm rounds in Norway. It made about 25,000 shells of that "
     "calibre last year.", "shell_155mm"),
    ("Iran sent Russia Fateh-110 missiles last year. Russia now fires about 20 of them a "
     "month, officials say.", "missile_srbm"),
    # a plain "shells" refers to nothing named before: artillery shells
    ("The Army buys 155mm shells from three plants. Russia makes about 250,000 shells a month.",
     "shell_artillery"),
])
def test_goods_named_before_keep_their_kind(text: str, expected: str) -> None:
    assert records(text)[-1]["item"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Officials praise the Czech-led initiative, which buys shells abroad for Ukraine. The "
     "initiative delivered about 400,000 rounds to Ukraine in the first half of 2024.",
     ("CZ", "UA")),
    ("A Czech-run programme buys shells on the world market. The scheme got some 800,000 "
     "rounds to Ukraine last year, officials said.", ("CZ", "UA")),
    # two states' schemes named before: "the scheme" is neither's
    ("The Czech initiative and an Estonian scheme both buy shells. The scheme delivered 50,000 "
     "rounds to Ukraine last year.", (None, "UA")),
])
def test_the_initiative_named_again_is_its_state_s(text: str, expected: tuple[str, ...]) -> None:
    r = records(text)[-1]
    assert (r.get("supplier"), r.get("recipient")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia launched about 1,100 attack drones at Ukraine over the seven days to Sunday.",
     "week"),
    ("Russian jets dropped more than 700 glide bombs in the week to Sunday, officials said.",
     "week"),
    ("In the second week of May, Russia fired about 60 missiles at Ukraine.", "week"),
    ("The plant filled about 90,000 shells in the 12 months to the end of March.", "year"),
    ("Its factories made around 300,000 shells in the fiscal year that ended in March.",
     "year"),
])
def test_a_week_or_twelve_months_named_is_the_rate_s_period(text: str, expected: str) -> None:
    assert records(text)[0].get("per") == expected


@pytest.mark.parametrize("text", [
    "The Czech-led initiative has shipped 800,000 rounds to Ukraine. Norway will put €130 "
    "million into the Czech-led ammunition initiative, on top of money it has already given "
    "to the scheme.",
    "The Czech-led initiative has shipped 800,000 rounds to Ukraine. Portugal has pledged "
    "€100 million to the same initiative, its minister said.",
])
def test_money_through_a_state_s_scheme_is_for_whom_the_scheme_buys(text: str) -> None:
    """The scheme is no recipient: the money is for whom the scheme's state supplies in the
    article's other claims."""
    pledge = records(text)[-1]
    assert (pledge["type"], pledge.get("recipient")) == ("pledge", "UA")


@pytest.mark.parametrize(("text", "expected"), [
    ("Overnight the enemy attacked with 120 Shahed drones, the air force said.", "RU"),
    ("In May the occupiers dropped about 3,000 guided aerial bombs on the region.", "RU"),
    ("Eurenco expects to make about 1,500 tonnes of propellant this year.", "FR"),
    ("Mitsubishi Heavy Industries makes about 30 of the interceptors a year.", "JP"),
    ("Romarm's plants made fewer than 8,000 155mm shells last year.", "RO"),
    ("Krusik makes about 15,000 mortar bombs a month.", "RS"),
])
def test_the_enemy_and_more_arms_makers(text: str, expected: str) -> None:
    assert records(text)[0].get("subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("South Korea has sold shells to the United States. The country's makers now turn out "
     "about 25,000 155mm rounds a month.", "KR"),
    ("Ukraine has scaled up its drone industry with help from Denmark. Officials say the "
     "country built about 1.5 million FPV drones last year.", "UA"),
])
def test_the_country_is_the_subject_of_the_sentence_before(text: str, expected: str) -> None:
    assert records(text)[-1].get("subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Russia sent about 400 Shahed drones in February.", ("estimate", "consumption_rate", "RU")),
    ("Shaheds were rare at first: Russia sent about 250 of them in March.",
     ("estimate", "consumption_rate", "RU")),
    # sent to a party named: a shipment
    ("Russia sent 50 drones to Belarus last year.", ("shipment", None, "RU")),
])
def test_russia_sending_drones_to_no_one_named_launched_them(text: str,
                                                             expected: tuple[str, ...]) -> None:
    r = records(text)[-1]
    assert (r["type"], r.get("metric"), r.get("subject") or r.get("supplier")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("President Emmanuel Macron promised in February to deliver 300 guided bombs to Ukraine "
     "this year.", "FR"),
    ("Chancellor Merz pledged another €2 billion in military aid for Ukraine on Monday.", "DE"),
])
def test_a_leader_named_stands_for_his_state(text: str, expected: str) -> None:
    assert records(text)[0].get("supplier") == expected


def test_a_leader_who_says_something_is_a_source_not_a_party() -> None:
    r = records("Russia launched about 400 drones at Ukraine last week, Zelensky said.")[0]
    assert (r.get("subject"), r["source"]) == ("RU", "Zelensky")


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports of microchips and other electronics from Armenia to Russia reached about $20 "
     "million last year.", ("AM", "RU", "microelectronics")),
    ("Exports of CNC machines from China to Russia came to about $900 million in 2023.",
     ("CN", "RU", "machine_tools")),
    ("Turkish firms exported electronic components worth about $50 million to Russia in "
     "2023.", ("TR", "RU", "microelectronics")),
])
def test_trade_by_value_its_goods_and_where_they_go(text: str, expected: tuple[str, ...]
                                                    ) -> None:
    r = records(text)[0]
    assert (r.get("supplier"), r.get("recipient"), r.get("item")) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("About 120 KABs a day land on Ukrainian positions, a spokesman said.",
     (120, "day", "glide_bomb")),
    ("Russia dropped 2,500 glide bombs in April. The worst month was March, when some 3,800 "
     "bombs fell on Ukrainian towns.", (3800, "month", "glide_bomb")),
    ("Ukraine fired 122mm rockets all spring. In May its crews fired about 9,000 rockets.",
     (9000, "month", "rocket_122mm")),
])
def test_bombs_landing_and_bare_bombs_after_glide_bombs(text: str,
                                                        expected: tuple[object, ...]) -> None:
    r = records(text)[-1]
    assert (r.get("quantity"), r.get("per"), r.get("item")) == expected


def test_a_list_that_breaks_a_rate_down_gives_a_rate_per_line() -> None:
    rs = records("In May, Russian forces fired 180 missiles at Ukraine. According to the air "
                 "force, they included:\n\n- 60 Iskander-M ballistic missiles, launched from "
                 "Kursk;\n- 15 Kh-22/32 missiles, fired by Tu-22M3 bombers;\n")
    assert [(r.get("quantity"), r.get("item"), r.get("per"), r.get("subject"))
            for r in rs] == [(180, "missile_unspecified", "month", "RU"),
                             (60, "missile_srbm", "month", "RU"),
                             (15, "missile_cruise", "month", "RU")]


def test_a_list_after_a_shipment_is_no_rate() -> None:
    rs = records("Germany delivered 300 missiles to Ukraine in May. They included:\n\n- 60 "
                 "IRIS-T missiles;\n")
    assert "estimate" not in [r["type"] for r in rs]


@pytest.mark.parametrize("text", [
    "Poland's output of 155mm shells reached about 15,000 a month in May. The ministry wants "
    "30,000 a month by the end of next year.",
    "Poland now makes about 15,000 155mm shells a month. It is on track for 30,000 a month by "
    "the end of next year, officials say.",
    "Poland now makes about 15,000 155mm shells a month. The target of 30,000 a month has "
    "slipped to 2026.",
])
def test_an_aim_after_a_production_rate_is_a_production_rate(text: str) -> None:
    r = records(text)[-1]
    assert (r.get("metric"), r.get("quantity"), r.get("per"), r.get("subject"),
            r.get("item")) == ("production_rate", 30000, "month", "PL", "shell_155mm")


def test_missiles_counted_with_air_defence_systems_are_theirs() -> None:
    r = records("Spain will send Ukraine two more Patriot batteries together with 40 missiles "
                "for them, the ministry said.")[0]
    assert (r["type"], r["quantity"], r["item"]) == ("pledge", 40, "missile_air_defence")


def test_money_into_an_ammunition_scheme_buys_what_the_scheme_supplies() -> None:
    rs = records("The Czech-led initiative has shipped 800,000 rounds to Ukraine. Estonia has "
                 "put €10 million into the Czech initiative.")
    assert (rs[-1]["type"], rs[-1].get("recipient"), rs[-1].get("item")) == (
        "pledge", "UA", "shell_artillery")


@pytest.mark.parametrize(("text", "expected"), [
    ("Poland sent shells. Gun crews in the south now fire about 3,000 rounds a day, a Ukrainian "
     "commander told reporters.", "UA"),
    ("Ukrainian commanders say that on a quiet day their batteries fire about 2,000 rounds.",
     "UA"),
])
def test_forces_named_by_what_they_are_are_the_speaker_s(text: str, expected: str) -> None:
    assert records(text)[-1].get("subject") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Bulgarian traders shipped about 90,000 shells to Ukraine in 2023.", ("BG", "UA")),
    ("A Polish firm bought about 30,000 155mm rounds from state-owned Munitions India last "
     "year.", ("IN", "PL")),
    ("About 25,000 shells were delivered to Ukraine from Belgian army stocks last year.",
     ("BE", "UA")),
])
def test_traders_state_owned_makers_and_a_state_s_stocks(text: str,
                                                        expected: tuple[str, str]) -> None:
    r = records(text)[0]
    assert (r.get("supplier"), r.get("recipient")) == expected


def test_a_sentence_that_breaks_a_rate_down_gives_its_parts_as_rates() -> None:
    rs = records("Russia now makes between 100 and 120 long-range missiles a month, the study "
                 "says. That includes about 45 Kh-101 cruise missiles and some 35 Iskander-M "
                 "missiles each month, with the rest made up of other types.")
    assert [(r.get("metric"), r.get("quantity"), r.get("item"), r.get("per"), r.get("subject"))
            for r in rs[1:]] == [("production_rate", 45, "missile_cruise", "month", "RU"),
                                 ("production_rate", 35, "missile_srbm", "month", "RU")]


def test_every_sum_put_into_the_scheme_buys_what_it_supplies() -> None:
    """Two sums into the same scheme: both are of its goods (the first once took the only
    kind with it, leaving the second with none)."""
    rs = records("The Czech-led initiative has shipped 800,000 rounds to Ukraine. Estonia has "
                 "put €10 million into the Czech initiative. Latvia has put €5 million into the "
                 "Czech initiative.")
    assert [(r["type"], r.get("item")) for r in rs[1:]] == [
        ("pledge", "shell_artillery"), ("pledge", "shell_artillery")]
