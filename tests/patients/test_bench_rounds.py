"""The benchmark's wrk figures over alternating rounds (no timings measured here)."""

from patients.bench.run import _over_rounds


def _round(requests, per_second, p50, p95, errors=None):
    return {
        "scenario": "leaflet reader, 16 connections",
        "connections": 16,
        "seconds": 5,
        "requests": requests,
        "requests_per_s": per_second,
        "p50_ms": p50,
        "p95_ms": p95,
        "p99_ms": p95 + 10,
        "errors": sum((errors or {}).values()),
        "error_detail": errors or {},
    }


def test_a_scenarios_throughput_is_its_requests_over_the_time_of_all_its_rounds():
    rounds = [_round(2000, 400.0, 40.0, 60.0), _round(1000, 200.0, 80.0, 120.0)]

    result = _over_rounds(rounds)

    assert result["requests"] == 3000
    assert result["seconds"] == 10
    assert result["requests_per_s"] == 300.0
    assert result["rounds_requests_per_s"] == [400.0, 200.0]


def test_the_slowest_rounds_tail_and_every_error_are_kept():
    rounds = [
        _round(2000, 400.0, 40.0, 60.0, {"read": 2}),
        _round(2000, 400.0, 50.0, 90.0),
        _round(2000, 400.0, 45.0, 70.0, {"read": 1, "status": 3}),
    ]

    result = _over_rounds(rounds)

    assert (result["p50_ms"], result["p95_ms"]) == (45.0, 90.0)
    assert result["errors"] == 6
    assert result["error_detail"] == {"read": 3, "status": 3}
