"""The spiral/deterrence teaching model behaves as its docstring says."""

import itertools

import pytest

from giants import spiral


def test_named_scenarios_give_the_outcomes_the_chapter_describes():
    assert spiral.outcome(spiral.run(spiral.SCENARIOS["1978-79"])) == "breaks down in round 4 after 4 punishment(s)"
    after_1991 = spiral.run(spiral.SCENARIOS["after 1991"], rounds=16)
    assert not after_1991["broken"].any()
    assert (after_1991["large_state"] == spiral.PUNISH).sum() == 3


def test_the_lens_decides_the_answer_to_punishment():
    deterrence = spiral.run(spiral.vary(spiral.SCENARIOS["after 1991"], small_state_lens="deterrence"), rounds=16)
    reassurance = spiral.run(spiral.SCENARIOS["after 1991"], rounds=16)
    assert spiral.ACQUIESCE not in set(deterrence["small_state"])
    assert spiral.STAND_FIRM not in set(reassurance["small_state"])


def test_a_state_that_tolerates_everything_never_punishes():
    history = spiral.run(spiral.vary(spiral.SCENARIOS["1978-79"], tolerance=1.0), rounds=20)
    assert (history["large_state"] == spiral.TOLERATE).all()
    assert history["relationship"].iloc[-1] == 1.0


@pytest.mark.parametrize("lens", ["deterrence", "reassurance"])
def test_more_tolerance_never_means_more_punishment(lens):
    grid = [0.1, 0.3, 0.5, 0.7]
    for support, burden in itertools.product(grid, grid):
        counts = []
        for tolerance in [0.1, 0.2, 0.4, 0.6, 0.8, 1.0]:
            setting = spiral.Setting(tolerance=tolerance, burden_of_proof=burden,
                                     outside_support=support, small_state_lens=lens)
            history = spiral.run(setting, rounds=10)
            counts.append((len(history), (history["large_state"] == spiral.PUNISH).sum(), history["broken"].any()))
        broken = [b for _, _, b in counts]
        assert broken == sorted(broken, reverse=True), f"breakdown came back as tolerance rose: {counts}"


def test_the_run_stops_at_breakdown_and_stays_in_bounds():
    history = spiral.run(spiral.SCENARIOS["1978-79"], rounds=50)
    assert history["broken"].iloc[-1] and not history["broken"].iloc[:-1].any()
    assert history["alignment"].between(0, 1).all() and history["relationship"].between(0, 1).all()


@pytest.mark.parametrize("change", [{"tolerance": 1.5}, {"recovery": -0.1}, {"small_state_lens": "hope"}])
def test_bad_parameters_are_refused(change):
    with pytest.raises(ValueError):
        spiral.Setting(**change)
