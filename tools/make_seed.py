"""Source of the built-in dataset: writes ingest/seed_data.jsonl (run from anywhere).

Every figure comes from the five seed articles; every sentence is our own.
"""
import json
from pathlib import Path

D0, D1, D2, D3, D4 = ("000_bb430a259d5b477c.txt", "001_64f7952fb5976206.txt",
    "002_673378493a6c0162.txt", "003_290528c431da861f.txt", "004_1cfd89721070237b.txt")
SHIN = "Shin Won-sik, Minister of National Defense of South Korea"
CAL = ("The source does not give a calibre; recorded as 152 mm, the calibre US intelligence "
       "and Seoul name for North Korean shells sent to Russia.")
E = []
def ev(**kw): E.append(kw)

# --- the EU million-shell promise -------------------------------------------------------
ev(event_id="eu-2023-03-pledge-1m-rounds", type="pledge", reported_on="2023-03-20",
   source="Council of the European Union", document=D0, reliability="A", credibility=1,
   supplier="EU", recipient="UA", item="shell_artillery", quantity=1000000, unit="rounds",
   period_start="2023-03", due_by="2024-03",
   notes=("One million rounds for Ukraine within twelve months, agreed in March 2023. Article 000 "
          "gives the end of 2023 for the purchase while the Bloomberg item in the same article "
          "gives March 2024; the twelve-month deadline (March 2024) is used. Calibre not given, so "
          "shell_artillery. Day: 20 March 2023, when EU ministers agreed the plan; the article "
          "says only March 2023."))
ev(event_id="eu-2023-03-pledge-2bn-eur", type="pledge", reported_on="2023-03-20",
   source="Council of the European Union", document=D0, reliability="A", credibility=1,
   supplier="EU", recipient="UA", item="shell_artillery", quantity=2000000000, unit="EUR",
   period_start="2023-03", due_by="2024-03",
   notes=("The money behind the same plan: two billion euros. Kept as its own pledge in EUR; no "
          "euro-to-rounds conversion is known, so its fulfilment cannot be computed."))
ev(event_id="ep-2023-05-asap-urgent-procedure", type="meeting", reported_on="2023-05-31",
   source="European Parliament", document=D0, reliability="A", credibility=1,
   title="European Parliament backs fast-tracking the ammunition production act",
   participants=["EU"], period_start="2023-05",
   notes=("A large majority voted to speed up the law meant to raise output towards the million "
          "rounds. The article gives only the month; reported_on is its last day."))
ev(event_id="ep-2023-06-asap-adopted", type="meeting", reported_on="2023-06-30",
   source="European Parliament", document=D0, reliability="A", credibility=1,
   title="European Parliament adopts the Act in Support of Ammunition Production (ASAP)",
   participants=["EU"], period_start="2023-06",
   notes=("The Commission's proposal to expand EU capacity for artillery ammunition and missiles. "
          "Month only in the article; reported_on is its last day."))
ev(event_id="eu-2023-09-joint-orders", type="meeting", reported_on="2023-09-30",
   source="European Union", document=D0, reliability="B", credibility=2,
   title="Seven EU states place the first orders under the joint ammunition procurement scheme",
   participants=["EU"], period_start="2023-09",
   notes=("Orders meant to get shells to Ukraine and refill Western stocks; no quantity given. "
          "Month only; reported_on is its last day."))
ev(event_id="lt-mfa-2023-10-26-eu-ua-300k", type="shipment", reported_on="2023-10-26",
   source="Gabrielius Landsbergis, Foreign Minister of Lithuania", via="X (Twitter)",
   url="https://twitter.com/GLandsbergis/status/1717459095928578291", document=D0,
   reliability="B", credibility=2, supplier="EU", recipient="UA", item="shell_artillery",
   quantity=300000, unit="rounds", measure="cumulative", period_start="2023-03",
   period_end="2023-10-26",
   notes="Delivered so far against the promised million: 300,000 rounds, by his count.")

# --- North Korea to Russia: shells -------------------------------------------------------
ev(event_id="us-nsc-2023-10-13-kp-ru-1000-containers", type="shipment", reported_on="2023-10-13",
   source="John Kirby, US National Security Council", document=D0, reliability="B",
   credibility=3, supplier="KP", recipient="RU", item="shell_152mm", quantity_low=1000,
   unit="containers", measure="cumulative", period_end="2023-10-13",
   notes=("More than a thousand containers of arms and ammunition, according to US "
          "intelligence. The article says only 'earlier'; the White House briefing was on "
          "13 October 2023. The "
          "containers held equipment as well as shells, so converting all of them to rounds "
          "overstates; credibility 3 for that reason. " + CAL))
ev(event_id="lt-mfa-2023-10-26-kp-ru-350k", type="shipment", reported_on="2023-10-26",
   source="Gabrielius Landsbergis, Foreign Minister of Lithuania", via="X (Twitter)",
   url="https://twitter.com/GLandsbergis/status/1717459095928578291", document=D0,
   reliability="B", credibility=3, supplier="KP", recipient="RU", item="shell_152mm",
   quantity=350000, unit="rounds", measure="cumulative", period_end="2023-10-26",
   notes="In the same post: North Korea had handed Russia 350,000 rounds. " + CAL)
ev(event_id="kr-nis-2023-11-01-kp-ru-1m", type="shipment", reported_on="2023-11-01",
   source="National Intelligence Service of South Korea", document=D1, reliability="B",
   credibility=2, supplier="KP", recipient="RU", item="shell_152mm", quantity_low=1000000,
   unit="rounds", measure="cumulative", period_end="2023-11-01",
   notes=("More than a million artillery rounds transferred. Article 001 says only 'in November'; "
          "the NIS briefed lawmakers on 1 November 2023. " + CAL))
ev(event_id="kr-mnd-2024-02-27-kp-ru-6700-containers", type="shipment",
   reported_on="2024-02-27", source=SHIN, document=D1, reliability="B", credibility=2,
   supplier="KP", recipient="RU", item="shell_152mm", quantity=6700, unit="containers",
   measure="cumulative", period_end="2024-02-27",
   notes=("6,700 shipping containers of ammunition in recent months. Article 001 is undated: it "
          "puts Kim's Moscow summit in 'September last year', cites a January report and expects "
          "a satellite launch in late March, so it dates from early 2024; the minister briefed "
          "the press on 27 February 2024."))
ev(event_id="kr-mnd-2024-02-27-conversion-containers", type="conversion",
   reported_on="2024-02-27", source=SHIN, document=D1, reliability="B", credibility=3,
   from_unit="containers", to_unit="rounds", item="shell_152mm", factor=448,
   notes=("Implied by the same briefing: 6,700 containers could hold over three million 152 mm "
          "rounds, about 448 a container (3,000,000 / 6,700 = 447.8)."))
ev(event_id="c4ads-2024-kp-ru-74000t-aug-jan", type="shipment", reported_on="2024-06-20",
   source="C4ADS", via="The Washington Post", document=D4, reliability="B", credibility=2,
   supplier="KP", recipient="RU", item="shell_152mm", quantity_low=74000, unit="metric_tons",
   measure="increment", period_start="2023-08", period_end="2024-01",
   notes=("Over 74,000 tonnes of explosives moved from two Russian Far East ports to 16 sites, "
          "mostly near Ukraine, from August 2023 through January 2024. Article 004 dates itself "
          "after the 19 June 2024 summit but not the Post's analysis; 20 June 2024 is an upper "
          "bound for when it was public. " + CAL))
ev(event_id="c4ads-2024-conversion-tonnes", type="conversion", reported_on="2024-06-20",
   source="C4ADS", via="The Washington Post", document=D4, reliability="B", credibility=3,
   from_unit="metric_tons", to_unit="rounds", item="shell_152mm", factor=21.62,
   notes=("The Post equates the 74,000 tonnes with about 1.6 million shells of the type Russia "
          "fires: 1,600,000 / 74,000 = 21.62 rounds a tonne (about 46 kg per packed round)."))
ev(event_id="kr-mnd-2024-06-kp-ru-10000-containers", type="shipment", reported_on="2024-06-16",
   source=SHIN, via="Bloomberg", document=D3, reliability="B", credibility=2, supplier="KP",
   recipient="RU", item="shell_152mm", quantity_low=10000, unit="containers",
   measure="cumulative", period_end="2024-06-16",
   notes=("At least 10,000 sea containers, which could hold up to 4.8 million shells. Article 003 "
          "(19 June 2024) says the minister told Bloomberg 'last week'; reported_on is the end of "
          "that week. Article 002 repeats the figure in autumn 2024: one claim, recorded once."))
ev(event_id="kr-mnd-2024-06-conversion-containers", type="conversion", reported_on="2024-06-16",
   source=SHIN, via="Bloomberg", document=D3, reliability="B", credibility=3,
   from_unit="containers", to_unit="rounds", item="shell_152mm", factor_low=448,
   factor_high=480,
   notes=("Up to 4.8 million rounds in at least 10,000 containers caps a container at 480; the "
          "February figures give about 448. Recorded as 448 to 480; the method takes the "
          "midpoint, 464, as central."))
ev(event_id="us-dos-2024-06-18-kp-ru-11000-containers", type="shipment",
   reported_on="2024-06-18", source="US Department of State", document=D4, reliability="B",
   credibility=2, supplier="KP", recipient="RU", item="shell_152mm", quantity_low=11000,
   unit="containers", measure="increment", period_start="2023-09", period_end="2024-06-18",
   notes=("More than 11,000 containers of munitions since September 2023, said ahead of the June "
          "2024 summit (reported_on: the day before it, an upper bound). Munitions, not only "
          "shells, so the shell conversion overstates. " + CAL))

# --- North Korea to Russia: missiles, and traffic the other way ---------------------------
ev(event_id="us-dia-2024-05-kp-ru-srbm-debris", type="shipment", reported_on="2024-05-31",
   source="US Defense Intelligence Agency", document=D3, reliability="B", credibility=2,
   supplier="KP", recipient="RU", item="missile_srbm", quantity_low=1, unit="units",
   measure="cumulative", period_end="2024-01",
   notes=("Debris of North Korean solid-propellant short-range ballistic missiles found in the "
          "Kharkiv region in January 2024: at least one delivered by then. Article 003 says "
          "'last month'; reported_on is the end of May 2024, an upper bound."))
ev(event_id="ua-pgo-2024-kp-ru-50-srbm", type="shipment", reported_on="2024-06-19",
   source="Office of the Prosecutor General of Ukraine", via="Reuters", document=D3,
   reliability="C", credibility=2, supplier="KP", recipient="RU", item="missile_srbm",
   quantity_low=50, unit="units", measure="cumulative", period_end="2024-06-19",
   notes=("Prosecutors count 50 North Korean missiles launched by Russia and examined debris from "
          "21 of them; at least 50 delivered. Undated in article 003; its date is the bound."))
ev(event_id="kr-mnd-2024-02-27-ru-kp-containers", type="shipment", reported_on="2024-02-27",
   source=SHIN, document=D1, reliability="B", credibility=3, supplier="RU", recipient="KP",
   item="cargo_mixed", quantity=8710, unit="containers", measure="cumulative",
   period_end="2024-02-27",
   notes=("Russia sent about 30% more containers to North Korea than it received, likely mostly "
          "food: 1.3 x 6,700 = 8,710 is derived here, not stated."))
ev(event_id="warrior-2024-06-ir-ru-shahed", type="shipment", reported_on="2024-06-19",
   source="Warrior Maven (Jim Morris)", document=D3, reliability="C", credibility=3,
   supplier="IR", recipient="RU", item="drone_shahed", quantity_low=2000, unit="units",
   measure="cumulative", period_end="2024-06-19",
   notes="'Thousands' of Shahed-136 drones from Iran, recorded as at least 2,000.")

# --- estimates -------------------------------------------------------------------------------
ev(event_id="ee-intel-2023-10-ru-stock", type="estimate", reported_on="2023-10-27",
   source="Col. Ants Kiviselg, Estonian military intelligence", via="The New York Times",
   document=D0, reliability="B", credibility=3, metric="stock", subject="RU",
   item="shell_artillery", quantity=4000000, unit="rounds", period_end="2023-10",
   notes=("Russia still held some four million artillery rounds, enough for another year of "
          "low-intensity war. Undated in article 000, whose lead item is 26 October 2023; "
          "reported_on is the day after, an upper bound."))
ev(event_id="ua-msi-2023-10-drone-production-aim", type="estimate", reported_on="2023-10-27",
   source="Oleksandr Kamyshyn, Minister for Strategic Industries of Ukraine", document=D0,
   reliability="C", credibility=4, metric="production_rate", subject="UA",
   item="drone_combat", quantity_low=20000, unit="units", per="month", period_start="2023-12",
   period_end="2023-12",
   notes=("An aim, not an output: 'tens of thousands' of combat drones a month by the end of "
          "2023, recorded as at least 20,000 a month. Dated like the rest of article 000."))
ev(event_id="rusi-2024-01-ru-consumption", type="estimate", reported_on="2024-01-31",
   source="Royal United Services Institute", via="The Wall Street Journal", document=D1,
   reliability="C", credibility=3, metric="consumption_rate", subject="RU",
   item="shell_artillery", quantity=10000, unit="rounds", per="day", period_end="2024-01",
   notes=("Russia firing 10,000 shells a day. The article says 'in January'; reported_on is "
          "its last day."))
ev(event_id="rusi-2024-01-ua-consumption", type="estimate", reported_on="2024-01-31",
   source="Royal United Services Institute", via="The Wall Street Journal", document=D1,
   reliability="C", credibility=4, metric="consumption_rate", subject="UA",
   item="shell_artillery", quantity=2000, unit="rounds", per="day", period_end="2024-01",
   notes="Derived: Russia's 10,000 a day was five times Ukraine's rate, so about 2,000 a day.")
ev(event_id="iiss-2023-summer-ua-consumption", type="estimate", reported_on="2024-02-27",
   source="International Institute for Strategic Studies", document=D1, reliability="C",
   credibility=3, metric="consumption_rate", subject="UA", item="shell_artillery",
   quantity=7000, unit="rounds", per="day", period_start="2023-06", period_end="2023-08",
   notes=("Summer 2023, when Ukraine out-fired Russia: 7,000 rounds a day. Reported with the IISS "
          "view in article 001; reported_on is that article's date."))
ev(event_id="iiss-2023-summer-ru-consumption", type="estimate", reported_on="2024-02-27",
   source="International Institute for Strategic Studies", document=D1, reliability="C",
   credibility=3, metric="consumption_rate", subject="RU", item="shell_artillery",
   quantity=5000, unit="rounds", per="day", period_start="2023-06", period_end="2023-08",
   notes="Russia's rate in the same summer 2023 comparison: 5,000 rounds a day.")
ev(event_id="kr-mnd-2024-02-27-kp-capacity-overall", type="estimate", reported_on="2024-02-27",
   source=SHIN, document=D1, reliability="B", credibility=3, metric="capacity_utilisation",
   subject="KP", quantity=30, unit="percent", period_end="2024-02",
   notes=("North Korea's munitions factories run at roughly 30% for lack of electricity and raw "
          "materials. Article 003 repeats it in June 2024: one claim."))
ev(event_id="kr-mnd-2024-02-27-kp-capacity-for-russia", type="estimate",
   reported_on="2024-02-27", source=SHIN, document=D1, reliability="B", credibility=3,
   metric="capacity_utilisation", subject="KP", item="shell_artillery", quantity=100,
   unit="percent", period_end="2024-02",
   notes="The lines making shells for Russia, by contrast, run at full capacity.")
ev(event_id="us-dod-2024-06-dallas-plant", type="estimate", reported_on="2024-06-19",
   source="US Department of Defense", via="Warrior Maven", document=D3, reliability="B",
   credibility=2, metric="production_rate", subject="US", item="shell_artillery",
   quantity=30000, unit="rounds", per="month", period_end="2024-06",
   notes="A new plant near Dallas: 30,000 shells a month, from 155 mm to mortar rounds.")
ev(event_id="us-dod-2024-06-production-goal", type="estimate", reported_on="2024-06-19",
   source="US Department of Defense", via="Warrior Maven", document=D3, reliability="B",
   credibility=3, metric="production_rate", subject="US", item="shell_artillery",
   quantity=100000, unit="rounds", per="month", period_end="2024-06",
   notes=("With the new plant, the Pentagon's aim of 100,000 shells a month, set to keep Ukraine "
          "supplied: a goal, close to ten times output a few years earlier."))
ev(event_id="the-times-2024-10-kp-share-of-ru-shells", type="estimate", reported_on="2024-10-11",
   source="The Times", document=D2, reliability="C", credibility=3, metric="supply_share",
   supplier="KP", recipient="RU", subject="RU", item="shell_artillery", quantity=50,
   unit="percent", period_end="2024-10",
   notes=("About half of the shells Russia fires come from North Korea. Article 002 says The "
          "Times reported it 'on Friday' in the autumn after Putin's June 2024 visit; dated to "
          "Friday 11 October 2024, good to a week or two."))
ev(event_id="the-times-2024-10-ru-consumption", type="estimate", reported_on="2024-10-11",
   source="The Times", document=D2, reliability="C", credibility=3, metric="consumption_rate",
   subject="RU", item="shell_artillery", quantity=3000000, unit="rounds", per="year",
   period_end="2024-10", notes="Russia uses about three million artillery shells a year.")
ev(event_id="nato-2024-06-cn-ru-machine-tools", type="estimate", reported_on="2024-06-20",
   source="NATO Secretary General", document=D4, reliability="B", credibility=3,
   metric="supply_share", supplier="CN", recipient="RU", item="machine_tools", quantity=70,
   unit="percent", period_end="2024-06",
   notes="China supplies about 70% of Russia's machine-tool imports. Dated like article 004.")
ev(event_id="nato-2024-06-cn-ru-microelectronics", type="estimate", reported_on="2024-06-20",
   source="NATO Secretary General", document=D4, reliability="B", credibility=3,
   metric="supply_share", supplier="CN", recipient="RU", item="microelectronics", quantity=90,
   unit="percent", period_end="2024-06",
   notes="And about 90% of its microelectronics imports.")

# --- meetings and the revised EU promise ------------------------------------------------------
ev(event_id="kp-ru-2023-09-13-summit", type="meeting", reported_on="2023-09-13",
   source="Kremlin and KCNA official statements", document=D1, reliability="A", credibility=1,
   title="Kim Jong Un meets Vladimir Putin in Russia", participants=["KP", "RU"],
   period_start="2023-09-13",
   notes=("Military matters, the war and Russian help with satellites discussed; shipments rose "
          "afterwards. Article 001 prints 13 September 2022, against its own 'September last "
          "year'; recorded as 2023. No location: the article's 'Moscow' is wrong (the summit was "
          "in the Russian Far East)."))
ev(event_id="ru-kp-2024-06-19-pyongyang-summit", type="meeting", reported_on="2024-06-19",
   source="Kremlin and KCNA official statements", document=D3, reliability="A", credibility=1,
   title="Putin in Pyongyang: strategic partnership treaty with a mutual-defence clause",
   participants=["RU", "KP"], period_start="2024-06-19", location="Pyongyang",
   notes=("Putin's first visit to North Korea in 24 years. Also in articles 002 and 004; one "
          "meeting, recorded once."))
ev(event_id="eu-2024-06-pledge-1m-by-end-2024", type="pledge", reported_on="2024-06-19",
   source="European Union", via="Warrior Maven", document=D3, reliability="B", credibility=2,
   supersedes="eu-2023-03-pledge-1m-rounds", supplier="EU", recipient="UA",
   item="shell_artillery", quantity=1000000, unit="rounds", period_start="2023-03",
   due_by="2024-12",
   notes=("By June 2024 the million-round promise is reported as due by the end of 2024: recorded "
          "as a correction of the March 2023 pledge, whose March 2024 deadline passed."))

with open(Path(__file__).resolve().parents[1] / "ingest" / "seed_data.jsonl", "w") as f:
    for e in E:
        f.write(json.dumps(e, ensure_ascii=False) + "\n")
print(len(E))
