"""A teaching model of the spiral and deterrence models: a small state beside a large one.

After Robert Jervis's *Perception and Misperception in International Politics* (1976, ch. 3):
in the *deterrence* model, standing firm stops an adversary's encroachment and concessions
invite more; in the *spiral* model, firmness looks like hostility, the other side answers in
kind, and both end up less secure. The 2023 Diplomat article argues that Hanoi reads its
relations with Beijing through the first lens and Beijing through the second.

The model is deliberately tiny and deterministic so students can follow every step. It
**explains; it does not predict**: its numbers are not estimates of anything real.

Each round:

1. The small state moves. By default it *hedges*: it reaches out to its outside backer
   (alignment rises by `outside_support`) and reassures the large state in the same round.
   After a punishment its lens decides: through the *deterrence* lens it *stands firm*
   (reaches out further, stops reassuring); through the *reassurance* lens it *acquiesces*
   (pauses outreach, so alignment falls by `reassurance`, and reassures).
2. The large state reads the move. It sees a threat equal to the small state's alignment,
   minus credit for reassurance: reassurance only counts for what exceeds the large state's
   `burden_of_proof`. It *punishes* if the threat exceeds its `tolerance`, else *tolerates*.
3. The relationship (1 = cordial, 0 = broken) falls by `punishment_cost` after a punishment
   and mends by `recovery` after toleration. Below `breaking_point` it has broken down: in
   the model's terms, war or rupture.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import altair as alt
import pandas as pd

from giants import charts

HEDGE, STAND_FIRM, ACQUIESCE = "hedge", "stand firm", "acquiesce"
TOLERATE, PUNISH = "tolerate", "punish"


@dataclass(frozen=True)
class Setting:
    """The model's parameters, each between 0 and 1."""

    tolerance: float = 0.5          # how much perceived alignment the large state accepts
    burden_of_proof: float = 0.3    # reassurance the large state discounts before believing it
    outside_support: float = 0.2    # how far one firm move pulls the small state to its backer
    reassurance: float = 0.3        # how far one reassuring move pulls it back (and how convincing it is)
    punishment_cost: float = 0.25   # damage to the relationship from one punishment
    recovery: float = 0.1           # repair from one round of toleration
    breaking_point: float = 0.2     # below this, the relationship has broken down
    start_alignment: float = 0.2    # the small state's alignment with the outside power at the start
    small_state_lens: str = "deterrence"  # after a punishment: "deterrence" stands firm, "reassurance" acquiesces

    def __post_init__(self):
        for name, value in asdict(self).items():
            if name != "small_state_lens" and not 0 <= value <= 1:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if self.small_state_lens not in ("deterrence", "reassurance"):
            raise ValueError("small_state_lens must be 'deterrence' or 'reassurance'")


def run(setting: Setting, rounds: int = 12) -> pd.DataFrame:
    """Play the model for `rounds` rounds; one row per round. Stops early on breakdown."""
    alignment, relationship, move = setting.start_alignment, 1.0, HEDGE
    rows = []
    for round_ in range(1, rounds + 1):
        reaches_out = move in (HEDGE, STAND_FIRM)
        reassures = move in (HEDGE, ACQUIESCE)
        if reaches_out:
            alignment = min(1.0, alignment + setting.outside_support)
        else:
            alignment = max(0.0, alignment - setting.reassurance)
        credit = max(0.0, setting.reassurance - setting.burden_of_proof) if reassures else 0.0
        threat = max(0.0, alignment - credit)
        answer = PUNISH if threat > setting.tolerance else TOLERATE
        if answer == PUNISH:
            relationship = max(0.0, relationship - setting.punishment_cost)
        else:
            relationship = min(1.0, relationship + setting.recovery)
        broken = relationship < setting.breaking_point
        rows.append({"round": round_, "small_state": move, "alignment": round(alignment, 3),
                     "perceived_threat": round(threat, 3), "large_state": answer,
                     "relationship": round(relationship, 3), "broken": broken})
        if broken:
            break
        if answer == PUNISH:
            move = STAND_FIRM if setting.small_state_lens == "deterrence" else ACQUIESCE
        else:
            move = HEDGE
    return pd.DataFrame(rows)


def outcome(history: pd.DataFrame) -> str:
    """One line a student can read: did the relationship hold, and how often was it punished?"""
    punished = int((history["large_state"] == PUNISH).sum())
    if history["broken"].iloc[-1]:
        return f"breaks down in round {int(history['round'].iloc[-1])} after {punished} punishment(s)"
    return f"holds for {len(history)} rounds ({punished} punishment(s)); relationship {history['relationship'].iloc[-1]:.2f}"


#: Two named settings the chapter compares. Their values are illustrations chosen to show
#: the mechanism, not measurements of 1978 or of the 1990s.
SCENARIOS = {
    # Beijing tolerates little and discounts Hanoi's reassurance entirely; Moscow's backing
    # pulls hard; Hanoi answers punishment by standing firm.
    "1978-79": Setting(tolerance=0.3, burden_of_proof=0.5, outside_support=0.3,
                       reassurance=0.3, start_alignment=0.1, small_state_lens="deterrence"),
    # Beijing tolerates more and believes most of Hanoi's reassurance; American support
    # grows in small steps; Hanoi answers punishment by pausing and reassuring.
    "after 1991": Setting(tolerance=0.5, burden_of_proof=0.1, outside_support=0.1,
                          reassurance=0.3, start_alignment=0.1, small_state_lens="reassurance"),
}


def vary(base: Setting, **changes) -> Setting:
    """A copy of `base` with some parameters changed (for exercises)."""
    return replace(base, **changes)


def chart(runs: dict[str, pd.DataFrame], *, title: str, subtitle: str, breaking_point: float,
          alt_text: str):
    """The relationship round by round for each named run; crosses mark punishments."""
    frame = pd.concat([history.assign(run=name) for name, history in runs.items()], ignore_index=True)
    colour = alt.Color("run:N", scale=charts.series_scale(runs), title="Run")
    base = alt.Chart(frame).encode(
        x=alt.X("round:Q", title="Round", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("relationship:Q", title="Relationship (1 = cordial, 0 = broken)",
                scale=alt.Scale(domain=[0, 1])),
        color=colour,
    )
    lines = base.mark_line(strokeWidth=2.5)
    marks = base.mark_point(size=90, filled=True).encode(
        shape=alt.Shape("large_state:N", scale=alt.Scale(domain=[TOLERATE, PUNISH], range=["circle", "cross"]),
                        title="Large state"),
        tooltip=[alt.Tooltip("run:N", title="Run"), alt.Tooltip("round:Q", title="Round"),
                 alt.Tooltip("small_state:N", title="Small state"),
                 alt.Tooltip("alignment:Q", title="Alignment with backer", format=".2f"),
                 alt.Tooltip("perceived_threat:Q", title="Threat as read by the large state", format=".2f"),
                 alt.Tooltip("large_state:N", title="Large state"),
                 alt.Tooltip("relationship:Q", title="Relationship", format=".2f")],
    )
    limit = alt.Chart(pd.DataFrame({"y": [breaking_point]})).mark_rule(strokeDash=[4, 4], color="#555555").encode(y="y:Q")
    label = alt.Chart(pd.DataFrame({"y": [breaking_point], "text": ["breaking point"]})).mark_text(
        align="left", dx=4, dy=-6, color="#555555", fontSize=11).encode(y="y:Q", x=alt.value(0), text="text:N")
    return charts.finish(
        alt.layer(limit, label, lines, marks).properties(height=300, title=alt.Title(title, subtitle=subtitle)),
        source="The book's teaching model (giants/spiral.py), after Jervis (1976). Illustrative parameters, not estimates.",
        alt_text=alt_text,
    )
