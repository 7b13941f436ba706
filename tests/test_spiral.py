"""The spiral/deterrence teaching model behaves as its docstring says: Jervis's two models each
work against the adversary they assume and fail against the other, outside backing can deter as
well as provoke, and the historical settings come from the stated rule."""

import itertools
import re
from pathlib import Path

import pytest

from giants import spiral

ROOT = Path(__file__).resolve().parents[1]


def punishments(history):
    return int((history["large_state"] == spiral.PUNISH).sum())


def test_the_spiral_escalates_when_a_firm_small_state_meets_an_insecure_large_one():
    history = spiral.run(spiral.SCENARIOS["spiral escalates"])
    assert spiral.outcome(history) == "breaks down in round 6 after 4 punishment(s)"
    # Escalation: once punished, the small state keeps reaching out and is punished every round.
    after_first = history[
        history["round"] >= history.loc[history["large_state"] == spiral.PUNISH, "round"].min()
    ]
    assert (after_first["large_state"] == spiral.PUNISH).all()
    assert set(after_first["small_state"].iloc[1:]) == {spiral.STAND_FIRM}


def test_reassurance_calms_an_insecure_large_state_for_a_time():
    history = spiral.run(spiral.SCENARIOS["reassurance calms"])
    assert not history["broken"].any() and punishments(history) > 0
    # Without a ceiling on alignment it only buys time, as the chapter says.
    assert (
        spiral.outcome(spiral.run(spiral.SCENARIOS["reassurance calms"], rounds=200))
        == "breaks down in round 36 after 12 punishment(s)"
    )


def test_deterrence_holds_against_an_expansionist_with_a_committed_backer():
    history = spiral.run(spiral.SCENARIOS["deterrence holds"])
    assert not history["broken"].any()
    assert punishments(history) == 1  # tested once, then deterred
    assert spiral.ACQUIESCE not in set(history["small_state"])


def test_deterrence_fails_without_a_committed_backer_against_a_hungrier_expansionist():
    history = spiral.run(spiral.SCENARIOS["deterrence fails"])
    assert history["broken"].iloc[-1]
    assert history["deterrent"].eq(0).all()
    # Firmness still lowers the appetite; it is too slow to save the relationship.
    assert history["appetite"].is_monotonic_decreasing


def test_reassurance_fails_against_an_expansionist_because_concessions_embolden_it():
    history = spiral.run(spiral.SCENARIOS["reassurance fails"])
    assert history["broken"].iloc[-1]
    assert history["appetite"].iloc[-1] > spiral.SCENARIOS["reassurance fails"].ambition


def test_the_bulwark_reading_keeps_an_expansionist_in_check_and_fails_without_the_backer():
    bulwark = spiral.SCENARIOS["bulwark"]
    assert spiral.verdict(spiral.run(bulwark)) == "calm"
    assert spiral.verdict(spiral.run(spiral.vary(bulwark, backer_commitment=0.0))) == "rupture"


def test_backing_deters_an_expansionist_but_provokes_an_insecure_state():
    """Holding commitment below 1, more alignment lowers net pressure for one type and raises it for the other."""
    for large_state, sign in ((spiral.EXPANSIONIST, -1), (spiral.INSECURE, 1)):
        pressures = [
            spiral.run(
                spiral.Setting(large_state=large_state, backer_commitment=0.5, start_alignment=a), rounds=1
            )["pressure"].iloc[0]
            for a in (0.0, 0.2, 0.4)
        ]
        steps = [b - a for a, b in itertools.pairwise(pressures)]
        assert all(sign * s > 0 for s in steps), (large_state, pressures)


@pytest.mark.parametrize("large_state", [spiral.INSECURE, spiral.EXPANSIONIST])
def test_more_commitment_never_means_more_punishment(large_state):
    for lens in (spiral.DETERRENCE, spiral.SPIRAL):
        counts = [
            punishments(
                spiral.run(
                    spiral.Setting(large_state=large_state, small_state_lens=lens, backer_commitment=c),
                    rounds=12,
                )
            )
            for c in (0.0, 0.25, 0.5, 0.75, 1.0)
        ]
        assert counts == sorted(counts, reverse=True), (lens, counts)


def test_a_state_that_tolerates_everything_never_punishes():
    for setting in spiral.SCENARIOS.values():
        history = spiral.run(spiral.vary(setting, tolerance=1.0), rounds=20)
        assert (history["large_state"] == spiral.TOLERATE).all()
        assert history["relationship"].iloc[-1] == 1.0


@pytest.mark.parametrize("lens", [spiral.DETERRENCE, spiral.SPIRAL])
def test_more_tolerance_never_brings_breakdown_back(lens):
    grid = [0.1, 0.3, 0.5, 0.7]
    for support, burden, large_state in itertools.product(grid, grid, (spiral.INSECURE, spiral.EXPANSIONIST)):
        broken = []
        for tolerance in [0.1, 0.2, 0.4, 0.6, 0.8, 1.0]:
            setting = spiral.Setting(
                tolerance=tolerance,
                burden_of_proof=burden,
                outside_support=support,
                small_state_lens=lens,
                large_state=large_state,
            )
            broken.append(spiral.run(setting, rounds=10)["broken"].any())
        assert broken == sorted(broken, reverse=True), f"breakdown came back as tolerance rose: {broken}"


def test_the_run_stops_at_breakdown_and_stays_in_bounds():
    for setting in spiral.SCENARIOS.values():
        history = spiral.run(setting, rounds=50)
        assert not history["broken"].iloc[:-1].any()
        for column in ("alignment", "relationship", "appetite"):
            assert history[column].between(0, 1).all()


def test_historical_settings_follow_the_rule_and_nothing_else():
    default = spiral.Setting()
    for episode in spiral.EPISODES:
        for reading in (spiral.INSECURE, spiral.EXPANSIONIST):
            setting = spiral.historical_setting(episode, reading)
            assert setting.start_alignment == spiral.RULE["tie"][episode.tie]
            assert setting.backer_commitment == (
                spiral.RULE["promise"][episode.promise] + spiral.RULE["presence"][episode.presence]
            )
            assert setting.small_state_lens == spiral.RULE["answer"][episode.answer]
            ruled = {"large_state", "small_state_lens", "start_alignment", "backer_commitment"}
            for name in set(spiral.asdict(default)) - ruled:
                assert getattr(setting, name) == getattr(default, name), (
                    f"{episode.name}: {name} was set by hand"
                )


def test_every_rule_input_has_a_source_in_the_bibliography():
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(encoding="utf-8"), re.M))
    for episode in spiral.EPISODES:
        assert set(episode.sources) == {"tie", "promise", "presence", "answer", "record"}, episode.name
        missing = {k for ks in episode.sources.values() for k in ks} - keys
        assert not missing, f"{episode.name}: {missing}"
        assert episode.record in ("rupture", "friction without rupture", "calm")


def test_the_comparison_with_the_record_is_what_the_chapter_reports():
    table = spiral.compare_with_record()
    fits = {(row["episode"], row["large state read as"]): row["fits"] for _, row in table.iterrows()}
    assert fits == {
        ("1978-79", "insecure"): True,
        ("1978-79", "expansionist"): False,
        ("2013-23", "insecure"): True,
        ("2013-23", "expansionist"): False,
    }


@pytest.mark.parametrize(
    "change",
    [
        {"tolerance": 1.5},
        {"recovery": -0.1},
        {"small_state_lens": "hope"},
        {"small_state_lens": "reassurance"},
        {"large_state": "greedy"},
        {"backer_commitment": 1.2},
    ],
)
def test_bad_parameters_are_refused(change):
    with pytest.raises(ValueError):
        spiral.Setting(**change)


def test_the_fit_after_2013_is_a_slow_decline_as_the_chapter_says():
    history = spiral.run(spiral.historical_setting(spiral.episode("2013-23"), spiral.INSECURE), rounds=200)
    assert spiral.outcome(history) == "breaks down in round 37 after 12 punishment(s)"
    with pytest.raises(KeyError):
        spiral.episode("1066")
