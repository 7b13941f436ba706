"""A teaching model of Jervis's spiral and deterrence models: a small state beside a large one.

Robert Jervis (*Perception and Misperception in International Politics*, 1976, ch. 3) set out
two models of an adversary, each a belief that recommends a policy:

- in the **deterrence model** the adversary is aggressive: it presses where it expects the
  defender to give way, so firmness and credible costs check it and concessions embolden it;
- in the **spiral model** the adversary is insecure: in a security dilemma it reads the other's
  defensive measures as threats, so firmness provokes it and reassurance calms it.

Each policy works against the adversary its model assumes and backfires against the other. The
model below keeps the two apart: what actually drives the large state (`large_state`) is one
parameter, what the small state believes and so how it answers pressure (`small_state_lens`)
is another. The 2023 Diplomat article reads Beijing as insecure in this sense; the 2022 article
reads the United States as a "bulwark" against an aggressive China, which the model expresses
as an expansionist large state facing a committed backer.

The model is tiny and deterministic so students can follow every step. It **explains; it does
not predict**: its numbers are not estimates of anything real.

Each round:

1. The small state moves. By default it *hedges*: it reaches out to its outside backer
   (alignment rises by `outside_support`) and reassures the large state in the same round.
   After a punishment its lens decides: through the *deterrence* lens it *stands firm*
   (reaches out again, no reassurance); through the *spiral* lens it *acquiesces* (pauses
   outreach, so alignment falls by `pullback`, and reassures).
2. The large state weighs pressing against its cost.
   - An *insecure* large state is moved by the threat it reads: the small state's alignment,
     minus credit for reassurance beyond its `burden_of_proof`.
   - An *expansionist* large state is moved by its appetite: `ambition`, raised by
     `emboldening` after each concession and lowered by as much after each firm stand.
   - Either way the backer makes punishing costly: the deterrent is `backer_commitment` times
     the small state's alignment (the closer the small state stands to a committed backer, the
     more a blow against it risks). Backing therefore provokes an insecure large state (it adds
     threat one for one and deters only by `backer_commitment`) and deters an expansionist one.
   It *punishes* if its motive minus the deterrent exceeds its `tolerance`.
3. The relationship (1 = cordial, 0 = broken) falls by `punishment_cost` after a punishment
   and mends by `recovery` after toleration. Below `breaking_point` it has broken down: in
   the model's terms, war or rupture.

Historical runs take their parameters from a fixed rule (`RULE`, `historical_setting`) applied
to observable inputs recorded with sources in `EPISODES`; only the large state's motive, which
no source can observe, is left open and run both ways.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import altair as alt
import pandas as pd

from giants import charts

HEDGE, STAND_FIRM, ACQUIESCE = "hedge", "stand firm", "acquiesce"
TOLERATE, PUNISH = "tolerate", "punish"
INSECURE, EXPANSIONIST = "insecure", "expansionist"
DETERRENCE, SPIRAL = "deterrence", "spiral"


@dataclass(frozen=True)
class Setting:
    """The model's parameters; every number lies between 0 and 1."""

    large_state: str = INSECURE  # what drives the large state: "insecure" or "expansionist"
    small_state_lens: str = (
        DETERRENCE  # what the small state believes: "deterrence" stands firm, "spiral" acquiesces
    )
    tolerance: float = 0.5  # net pressure the large state lets pass without punishing
    burden_of_proof: float = 0.2  # reassurance an insecure large state discounts before believing it
    reassurance: float = 0.3  # how convincing one reassuring move is
    outside_support: float = 0.2  # how far one outreach pulls the small state to its backer
    pullback: float = 0.4  # how far one acquiescent move pulls it back (a concession undoes two outreaches)
    backer_commitment: float = 0.0  # deterrent per unit of alignment: the backer's cost-raising
    ambition: float = 0.7  # an expansionist large state's appetite at the start
    emboldening: float = 0.1  # appetite added by a concession, removed by a firm stand
    punishment_cost: float = 0.25  # damage to the relationship from one punishment
    recovery: float = 0.1  # repair from one round of toleration
    breaking_point: float = 0.2  # below this, the relationship has broken down
    start_alignment: float = 0.2  # the small state's alignment with its backer at the start

    def __post_init__(self):
        for name, value in asdict(self).items():
            if name not in ("large_state", "small_state_lens") and not 0 <= value <= 1:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if self.large_state not in (INSECURE, EXPANSIONIST):
            raise ValueError("large_state must be 'insecure' or 'expansionist'")
        if self.small_state_lens not in (DETERRENCE, SPIRAL):
            raise ValueError("small_state_lens must be 'deterrence' or 'spiral'")


def run(setting: Setting, rounds: int = 16) -> pd.DataFrame:
    """Play the model for `rounds` rounds; one row per round. Stops early on breakdown."""
    alignment, relationship, appetite, move = setting.start_alignment, 1.0, setting.ambition, HEDGE
    rows = []
    for round_ in range(1, rounds + 1):
        reaches_out = move in (HEDGE, STAND_FIRM)
        reassures = move in (HEDGE, ACQUIESCE)
        if reaches_out:
            alignment = min(1.0, alignment + setting.outside_support)
        else:
            alignment = max(0.0, alignment - setting.pullback)
        # Jervis's deterrence model: concessions whet an aggressor's appetite, firmness checks it.
        if move == ACQUIESCE:
            appetite = min(1.0, appetite + setting.emboldening)
        elif move == STAND_FIRM:
            appetite = max(0.0, appetite - setting.emboldening)
        credit = max(0.0, setting.reassurance - setting.burden_of_proof) if reassures else 0.0
        threat = max(0.0, alignment - credit)
        deterrent = setting.backer_commitment * alignment
        motive = threat if setting.large_state == INSECURE else appetite
        # Rounded so that 0.7 - 0.2 counts as 0.5, as a student computing by hand would expect.
        pressure = round(motive - deterrent, 9)
        answer = PUNISH if pressure > setting.tolerance else TOLERATE
        if answer == PUNISH:
            relationship = max(0.0, relationship - setting.punishment_cost)
        else:
            relationship = min(1.0, relationship + setting.recovery)
        broken = relationship < setting.breaking_point
        rows.append(
            {
                "round": round_,
                "small_state": move,
                "alignment": round(alignment, 3),
                "perceived_threat": round(threat, 3),
                "appetite": round(appetite, 3),
                "deterrent": round(deterrent, 3),
                "pressure": round(pressure, 3),
                "large_state": answer,
                "relationship": round(relationship, 3),
                "broken": broken,
            }
        )
        if broken:
            break
        if answer == PUNISH:
            move = STAND_FIRM if setting.small_state_lens == DETERRENCE else ACQUIESCE
        else:
            move = HEDGE
    return pd.DataFrame(rows)


def outcome(history: pd.DataFrame) -> str:
    """One line a student can read: did the relationship hold, and how often was it punished?"""
    punished = int((history["large_state"] == PUNISH).sum())
    if history["broken"].iloc[-1]:
        return f"breaks down in round {int(history['round'].iloc[-1])} after {punished} punishment(s)"
    return f"holds for {len(history)} rounds ({punished} punishment(s)); relationship {history['relationship'].iloc[-1]:.2f}"


def verdict(history: pd.DataFrame) -> str:
    """The run in the three words the chapter compares with the record."""
    if history["broken"].iloc[-1]:
        return "rupture"
    return "friction without rupture" if (history["large_state"] == PUNISH).any() else "calm"


#: Named settings for teaching: Jervis's two-by-two (what drives the large state against how
#: the small state answers), the backer's commitment, and the first article's "bulwark".
#: Each differs from the defaults only in the parameters named; none is a measurement.
SCENARIOS = {
    # The spiral model's danger: an insecure large state, a small state that stands firm.
    "spiral escalates": Setting(large_state=INSECURE, small_state_lens=DETERRENCE),
    # The spiral model's remedy: the same large state, a small state that backs off and reassures.
    "reassurance calms": Setting(large_state=INSECURE, small_state_lens=SPIRAL),
    # The deterrence model's danger: an expansionist large state, a small state that concedes.
    "reassurance fails": Setting(large_state=EXPANSIONIST, small_state_lens=SPIRAL),
    # The deterrence model's remedy: firmness, with a backer whose commitment raises the cost.
    "deterrence holds": Setting(
        large_state=EXPANSIONIST, small_state_lens=DETERRENCE, backer_commitment=0.25
    ),
    # Firmness without a committed backer against a hungrier large state.
    "deterrence fails": Setting(large_state=EXPANSIONIST, small_state_lens=DETERRENCE, ambition=0.9),
    # The 2022 article's reading: an aggressive China, a Vietnam that picks its battles, and the
    # United States as a bulwark (a commitment the size of a defence promise in RULE below).
    "bulwark": Setting(large_state=EXPANSIONIST, small_state_lens=SPIRAL, backer_commitment=0.5),
}


def vary(base: Setting, **changes) -> Setting:
    """A copy of `base` with some parameters changed (for exercises)."""
    return replace(base, **changes)


# --- historical runs: parameters from a stated rule, not tuned --------------------------------

#: How observable inputs become parameters. Fixed before any run was compared with history; the
#: steps are equal on purpose, so that no level was weighted to fit an outcome.
RULE = {
    # The small state's formal tie to the backer sets its alignment at the start; one tier
    # counts as much as one round of outreach (`outside_support`, 0.2).
    "tie": {"none": 0.0, "partnership": 0.2, "treaty": 0.4},
    # The backer's written promise and its forces on the spot each add to `backer_commitment`,
    # in quarter steps; a defence promise with forces stationed reaches the full 1.0.
    "promise": {"none": 0.0, "consultation": 0.25, "defence": 0.5},
    "presence": {"none": 0.0, "visits": 0.25, "stationed": 0.5},
    # The small state's answer to pressure, read from what it did or declared before the episode.
    "answer": {"stood firm": DETERRENCE, "avoided taking sides": SPIRAL},
}


@dataclass(frozen=True)
class Episode:
    """One period of the triangle, coded by `RULE`'s inputs, each with its sources."""

    name: str
    backer: str
    tie: str
    promise: str
    presence: str
    answer: str
    record: str  # what happened, in the model's terms: "rupture", "friction without rupture" or "calm"
    sources: dict  # input -> bib keys


EPISODES = [
    Episode(
        name="1978-79",
        backer="Soviet Union",
        tie="treaty",  # Comecon member from June 1978, friendship treaty of November 1978
        promise="consultation",  # article 6: consult at once and take measures; no duty to fight
        presence="none",  # Soviet ships and aircraft used Vietnamese bases only from 1979
        answer="stood firm",  # Vietnam invaded Cambodia on 25 December 1978
        record="rupture",  # China invaded on 17 February 1979
        sources={
            "tie": ["michigandaily-comecon-1978", "worldjpn-soviet-vietnam-treaty-1978"],
            "promise": ["worldjpn-soviet-vietnam-treaty-1978"],
            "presence": ["economist-cam-ranh-1984", "csmonitor-cam-ranh-1980"],
            "answer": ["colliers-cambodia-1979"],
            "record": ["washingtonpost-china-ends-invasion-1979"],
        },
    ),
    Episode(
        name="2013-23",
        backer="United States",
        tie="partnership",  # Comprehensive Partnership of July 2013
        promise="none",  # neither partnership text promises consultation or defence
        presence="visits",  # carrier visits to Da Nang in 2018 and 2020; no bases
        answer="avoided taking sides",  # "three nos", then the 2019 white paper's "four nos"
        record="friction without rupture",  # the 2014 rig, the 2019 standoff; relations intact
        sources={
            "tie": ["whitehouse-joint-statement-2013", "ucsb-obama-sang-2013"],
            "promise": ["whitehouse-joint-statement-2013", "vietnamplus-us-csp-text-2023"],
            "presence": ["pacom-vinson-2018", "vnexpress-roosevelt-2020"],
            "answer": ["hanoitimes-white-paper-2019"],
            "record": ["vnembassy-hysy-2014", "reuters-hd8-2019"],
        },
    ),
]


def episode(name: str) -> Episode:
    """The episode called `name` in `EPISODES`."""
    for candidate in EPISODES:
        if candidate.name == name:
            return candidate
    raise KeyError(f"no episode {name!r}; known: {[e.name for e in EPISODES]}")


def historical_setting(episode: Episode, large_state: str) -> Setting:
    """The setting `RULE` gives an episode; `large_state` is the reading of the large state's motive."""
    return Setting(
        large_state=large_state,
        small_state_lens=RULE["answer"][episode.answer],
        start_alignment=RULE["tie"][episode.tie],
        backer_commitment=RULE["promise"][episode.promise] + RULE["presence"][episode.presence],
    )


def episode_table() -> pd.DataFrame:
    """The rule's inputs and the parameters they give, one column per episode."""
    rows = []
    for e in EPISODES:
        s = historical_setting(e, INSECURE)
        rows.append(
            {
                "episode": e.name,
                "backer": e.backer,
                "tie": e.tie,
                "promise": e.promise,
                "presence": e.presence,
                "answer to pressure": e.answer,
                "start_alignment": s.start_alignment,
                "backer_commitment": s.backer_commitment,
                "small_state_lens": s.small_state_lens,
            }
        )
    return pd.DataFrame(rows).set_index("episode").T.rename_axis(None, axis=1)


def compare_with_record(rounds: int = 16) -> pd.DataFrame:
    """Each episode run under both readings of the large state, beside what happened."""
    rows = []
    for e in EPISODES:
        for reading in (INSECURE, EXPANSIONIST):
            history = run(historical_setting(e, reading), rounds=rounds)
            rows.append(
                {
                    "episode": e.name,
                    "large state read as": reading,
                    "model": verdict(history),
                    "record": e.record,
                    "fits": verdict(history) == e.record,
                }
            )
    return pd.DataFrame(rows)


def chart(runs: dict[str, pd.DataFrame], *, title: str, subtitle: str, breaking_point: float, alt_text: str):
    """The relationship round by round for each named run; crosses mark punishments."""
    frame = pd.concat([history.assign(run=name) for name, history in runs.items()], ignore_index=True)
    colour = alt.Color("run:N", scale=charts.series_scale(runs), title="Run")
    base = alt.Chart(frame).encode(
        x=alt.X("round:Q", title="Round", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y(
            "relationship:Q", title="Relationship (1 = cordial, 0 = broken)", scale=alt.Scale(domain=[0, 1])
        ),
        color=colour,
    )
    lines = base.mark_line(strokeWidth=2.5)
    marks = base.mark_point(size=90, filled=True).encode(
        shape=alt.Shape(
            "large_state:N",
            scale=alt.Scale(domain=[TOLERATE, PUNISH], range=["circle", "cross"]),
            title="Large state",
        ),
        tooltip=[
            alt.Tooltip("run:N", title="Run"),
            alt.Tooltip("round:Q", title="Round"),
            alt.Tooltip("small_state:N", title="Small state"),
            alt.Tooltip("alignment:Q", title="Alignment with backer", format=".2f"),
            alt.Tooltip("perceived_threat:Q", title="Threat as read by the large state", format=".2f"),
            alt.Tooltip("large_state:N", title="Large state"),
            alt.Tooltip("relationship:Q", title="Relationship", format=".2f"),
        ],
    )
    limit = (
        alt.Chart(pd.DataFrame({"y": [breaking_point]}))
        .mark_rule(strokeDash=[4, 4], color="#555555")
        .encode(y="y:Q")
    )
    label = (
        alt.Chart(pd.DataFrame({"y": [breaking_point], "text": ["breaking point"]}))
        .mark_text(align="left", dx=4, dy=-6, color="#555555", fontSize=11)
        .encode(y="y:Q", x=alt.value(0), text="text:N")
    )
    return charts.finish(
        alt.layer(limit, label, lines, marks).properties(
            height=300, title=alt.Title(title, subtitle=subtitle)
        ),
        source="The book's teaching model (giants/spiral.py), after Jervis (1976). Illustrative parameters, not estimates.",
        alt_text=alt_text,
    )
