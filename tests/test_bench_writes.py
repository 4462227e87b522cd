"""The arithmetic and the choice behind `BENCH_ONLY=writes make bench` (tests/bench/writes.py)."""

import pytest

from tests.bench.writes import nearest_actor, percentile, summary


def test_percentiles_interpolate_between_the_nearest_ranks():
    values = [4.0, 1.0, 3.0, 2.0]  # unsorted, as timings come
    assert percentile(values, 50) == 2.5
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile(list(range(1, 201)), 99) == pytest.approx(198.01)
    assert percentile([7.0], 99) == 7.0


@pytest.mark.parametrize(("values", "q"), [([], 50), ([1.0], -1), ([1.0], 101)])
def test_a_percentile_of_nothing_or_out_of_range_is_refused(values, q):
    with pytest.raises(ValueError):
        percentile(values, q)


def test_summary_gives_p50_p99_and_max_rounded():
    assert summary([10.04, 20.0, 30.0, 40.0, 1000.0]) == {
        "n": 5,
        "p50_ms": 30.0,
        "p99_ms": 961.6,
        "max_ms": 1000.0,
    }
    assert summary([]) == {"n": 0}


def test_the_actor_to_rename_is_the_one_closest_to_the_target():
    counts = {1: 80_000, 2: 47_000, 3: 30_000}
    assert nearest_actor(counts, 50_000) == (2, 47_000)
    # At 100,000 incidents no actor may reach the target: the largest is the nearest.
    assert nearest_actor({1: 9_000, 2: 12_000}, 50_000) == (2, 12_000)


def test_of_two_actors_as_close_the_larger_then_the_lower_id_is_renamed():
    assert nearest_actor({5: 45_000, 6: 55_000}, 50_000) == (6, 55_000)
    assert nearest_actor({9: 50_000, 4: 50_000}, 50_000) == (4, 50_000)
    with pytest.raises(ValueError):
        nearest_actor({}, 50_000)
