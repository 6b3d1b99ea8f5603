"""Evaluations: one each, at the right moment, anonymous through every field."""

from __future__ import annotations

from models.evaluations import Evaluation
from tests.support import Api, code_of
from tests.test_goals import started
from tests.test_health import programme_of

EVALUATE = """mutation($r: ID!, $rating: Int!, $c: String!) {
  evaluateRelationship(relationshipId: $r, rating: $rating, comment: $c,
                       answers: [{key: "useful", score: 4}]) }"""
SUMMARY = """query($p: ID!) { programmeEvaluations(programmeId: $p) {
  relationships { count meanRating distribution { rating count } comments }
  programme { count meanRating } sessions { count } } }"""


async def test_relationship_evaluations_are_anonymous(api: Api) -> None:
    mentor, mentee, relationship, coordinator = await started(api)
    early = await api.error(EVALUATE, {"r": relationship, "rating": 5, "c": "x"}, mentee.token)
    assert code_of(early) == "CONFLICT"
    await api.ok(
        "mutation($r: ID!) { completeRelationship(relationshipId: $r) { status } }",
        {"r": relationship},
        mentor.token,
    )
    await api.ok(EVALUATE, {"r": relationship, "rating": 5, "c": "Sangat berarti"}, mentee.token)
    await api.ok(EVALUATE, {"r": relationship, "rating": 3, "c": "Cukup"}, mentor.token)
    again = await api.error(EVALUATE, {"r": relationship, "rating": 1, "c": ""}, mentee.token)
    assert code_of(again) == "CONFLICT"
    bad = await api.error(EVALUATE, {"r": relationship, "rating": 0, "c": ""}, coordinator.token)
    assert code_of(bad) == "FORBIDDEN"
    programme = await programme_of(api, relationship, mentee.token)
    summary = (await api.ok(SUMMARY, {"p": programme}, coordinator.token))["programmeEvaluations"]
    assert summary["relationships"]["count"] == 2
    assert summary["relationships"]["meanRating"] == 4.0
    assert summary["relationships"]["distribution"] == [
        {"rating": 3, "count": 1},
        {"rating": 5, "count": 1},
    ]
    assert sorted(summary["relationships"]["comments"]) == ["Cukup", "Sangat berarti"]
    assert code_of(await api.error(SUMMARY, {"p": programme}, mentor.token)) == "FORBIDDEN"
    # nothing stored with the answers can point back to who gave them
    stored = await Evaluation.filter(comment__in=["Cukup", "Sangat berarti"])
    assert len(stored) == 2 and all(e.author_id is None for e in stored)
    assert not hasattr(stored[0], "created_at")


async def test_programme_evaluation(api: Api) -> None:
    _, mentee, relationship, coordinator = await started(api)
    programme = await programme_of(api, relationship, mentee.token)
    evaluate = """mutation($p: ID!) { evaluateProgramme(programmeId: $p, rating: 4,
      comment: "Terima kasih") }"""
    not_yet = await api.error(evaluate, {"p": programme}, mentee.token)
    assert code_of(not_yet) == "CONFLICT"  # registration is still open
    await api.ok(
        "mutation($p: ID!) { advanceProgramme(id: $p, to: RUNNING) { status } }",
        {"p": programme},
        coordinator.token,
    )
    await api.ok(evaluate, {"p": programme}, mentee.token)
    outsider = await api.register()
    assert code_of(await api.error(evaluate, {"p": programme}, outsider.token)) == "FORBIDDEN"
    summary = (await api.ok(SUMMARY, {"p": programme}, coordinator.token))["programmeEvaluations"]
    assert summary["programme"] == {"count": 1, "meanRating": 4.0}
