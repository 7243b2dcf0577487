"""Reader studies: questions, display sets, answers, mask answers (research §8)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import ct_bytes, mask_bytes, upload, wait


def study(c: httpx.Client) -> dict[str, Any]:
    (rs,) = c.get("reader-studies/", params={"slug": "corads-score-exam"}).json()["results"]
    return rs  # type: ignore[no-any-return]


def questions(rs: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {q["answer_type"]: q for q in rs["questions"]}


def test_study_and_questions(
    demo: httpx.Client, outsider: httpx.Client, anon: httpx.Client
) -> None:
    rs = study(demo)
    assert [q["answer_type"] for q in rs["questions"]] == [
        "Bool",
        "Number",
        "Text",
        "Choice",
        "Multiple choice",
        "Mask",
    ]
    choice = questions(rs)["Choice"]
    assert [o["title"] for o in choice["options"]] == [f"CO-RADS {i}" for i in range(1, 6)]
    listed = demo.get("reader-studies/questions/", params={"reader_study": rs["pk"]}).json()
    assert listed["count"] == 6
    assert outsider.get("reader-studies/").json()["count"] == 0
    assert outsider.get(rs["api_url"]).status_code == 404
    assert anon.get("reader-studies/").json()["results"] == []


def test_display_sets_create_fill_reorder(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client
) -> None:
    rs = study(demo)
    r = demo.post(
        "reader-studies/display-sets/",
        json={"reader_study": rs["slug"], "values": [{"interface": "some-score", "value": 2.1}]},
    )
    assert r.status_code == 400 and r.json() == ["Values can only be added via update"]
    r = reader.post("reader-studies/display-sets/", json={"reader_study": rs["slug"]})
    assert r.json() == {"reader_study": ["Object with slug=corads-score-exam does not exist."]}
    created = []
    for score in (2.1, 7.9):
        r = demo.post("reader-studies/display-sets/", json={"reader_study": rs["slug"]})
        assert r.status_code == 201, r.text
        ds = r.json()
        assert ds["reader_study"] == "corads-score-exam" and ds["values"] == []
        ct = upload(demo, "ct.mha", ct_bytes(3))
        airway = upload(demo, "airway.mha", mask_bytes((0, 1)))
        r = demo.patch(
            f"reader-studies/display-sets/{ds['pk']}/",
            json={
                "values": [
                    {"interface": "ct-image", "user_uploads": [ct["api_url"]]},
                    {"interface": "airway-segmentation", "user_uploads": [airway["api_url"]]},
                    {"interface": "some-score", "value": score},
                ]
            },
        )
        assert r.status_code == 200, r.text
        created.append(ds)
    wait(gc)
    listed = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()
    assert listed["count"] == 4
    assert [d["order"] for d in listed["results"]] == [10, 20, 30, 40]
    assert [d["index"] for d in listed["results"]] == [0, 1, 2, 3]
    assert [v["interface"]["slug"] for v in listed["results"][2]["values"]] == [
        "some-score",
        "airway-segmentation",
        "ct-image",
    ]
    # reorder: move the last one first
    r = demo.patch(f"reader-studies/display-sets/{created[1]['pk']}/", json={"order": 5})
    assert r.status_code == 200 and r.json()["order"] == 5
    listed = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()
    assert listed["results"][0]["pk"] == created[1]["pk"]
    # order 0 moves it to the end
    r = demo.patch(f"reader-studies/display-sets/{created[1]['pk']}/", json={"order": 0})
    assert r.json()["order"] == 40
    r = demo.patch(f"reader-studies/display-sets/{created[1]['pk']}/", json={"order": None})
    assert r.status_code == 400
    # readers see display sets but cannot change them
    assert reader.get(f"reader-studies/display-sets/{created[0]['pk']}/").status_code == 200
    assert (
        reader.patch(
            f"reader-studies/display-sets/{created[0]['pk']}/", json={"title": "x"}
        ).status_code
        == 403
    )


def test_answers_each_type(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client, outsider: httpx.Client
) -> None:
    rs = study(demo)
    q = questions(rs)
    ds = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()[
        "results"
    ][0]
    answers = {
        "Bool": True,
        "Number": 42.5,
        "Text": "ground glass in the RLL",
        "Choice": q["Choice"]["options"][3]["id"],
        "Multiple choice": [o["id"] for o in q["Multiple choice"]["options"][:2]],
    }
    for kind, value in answers.items():
        r = reader.post(
            "reader-studies/answers/",
            json={
                "answer": value,
                "display_set": ds["api_url"],
                "question": q[kind]["api_url"],
                "last_edit_duration": "P0DT00H00M12S",
            },
        )
        assert r.status_code == 201, (kind, r.text)
        body = r.json()
        assert body["creator"] == "reader" and body["answer"] == value
        assert body["total_edit_duration"] == "P0DT00H00M12S" and not body["is_ground_truth"]
    r = reader.post(
        "reader-studies/answers/",
        json={"answer": False, "display_set": ds["api_url"], "question": q["Bool"]["api_url"]},
    )
    assert r.status_code == 400
    assert r.json() == {
        "non_field_errors": ["User reader has already answered this question for this display set."]
    }
    r = demo.post(
        "reader-studies/answers/",
        json={"answer": "yes", "display_set": ds["api_url"], "question": q["Bool"]["api_url"]},
    )
    assert r.json() == {
        "non_field_errors": [
            "Your answer is not the correct type. Bool expected, <class 'str'> found."
        ]
    }
    r = demo.post(
        "reader-studies/answers/",
        json={"answer": 999, "display_set": ds["api_url"], "question": q["Choice"]["api_url"]},
    )
    assert r.json() == {"non_field_errors": ["Provided option is not valid for this question"]}
    r = outsider.post(
        "reader-studies/answers/",
        json={"answer": True, "display_set": ds["api_url"], "question": q["Bool"]["api_url"]},
    )
    # questions are looked up without a permission check; display sets need view permission
    assert r.json() == {"display_set": ["Invalid hyperlink - Object does not exist."]}
    # display sets with answers are frozen
    r = demo.patch(f"reader-studies/display-sets/{ds['pk']}/", json={"title": "renamed"})
    assert r.status_code == 400
    assert r.json() == ["This display set cannot be changed, as answers for it already exist."]
    # reading answers back
    mine = reader.get(
        "reader-studies/answers/mine/", params={"question__reader_study": rs["pk"]}
    ).json()
    assert mine["count"] == 5 and "results" in mine
    all_answers = demo.get(
        "reader-studies/answers/", params={"question__reader_study": rs["pk"]}
    ).json()
    assert all_answers["count"] == 5  # editors see everyone's answers
    per_ds = demo.get(
        "reader-studies/answers/", params={"display_set": ds["pk"], "creator": "reader"}
    ).json()
    assert per_ds["count"] == 5
    readable = {
        a["question"]: [o["title"] for o in q["Choice"]["options"] if o["id"] == a["answer"]]
        for a in all_answers["results"]
        if a["question"] == q["Choice"]["api_url"]
    }
    assert readable == {q["Choice"]["api_url"]: ["CO-RADS 4"]}
    assert outsider.get("reader-studies/answers/").json()["count"] == 0
    # unanswered display sets
    r = reader.get(
        "reader-studies/display-sets/",
        params={"reader_study": rs["pk"], "unanswered_by_user": "true"},
    )
    assert r.json()["count"] == 2  # the mask question is still open on the first one
    r = reader.get("reader-studies/display-sets/", params={"unanswered_by_user": "true"})
    assert r.status_code == 400
    r = reader.get(
        "reader-studies/display-sets/", params={"reader_study": rs["pk"], "user": "demo"}
    )
    assert r.json() == [
        "Specifying a user is only possible when retrieving unanswered display sets."
    ]
    r = reader.get(
        "reader-studies/display-sets/",
        params={"reader_study": rs["pk"], "unanswered_by_user": "true", "user": "demo"},
    )
    assert r.status_code == 403
    assert r.json() == {
        "detail": "You do not have permission to retrieve this user's unanswered display sets."
    }
    assert demo.get("reader-studies/answers/", params={"creator": "nobody"}).json()["count"] == 0


def test_answer_modification(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client
) -> None:
    rs = study(demo)
    q = questions(rs)
    ds = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()[
        "results"
    ][1]
    a = reader.post(
        "reader-studies/answers/",
        json={
            "answer": 10,
            "display_set": ds["api_url"],
            "question": q["Number"]["api_url"],
            "last_edit_duration": "P0DT00H00M10S",
        },
    ).json()
    r = reader.patch(a["api_url"], json={"answer": 11})
    assert r.json() == {
        "non_field_errors": ["This reader study does not allow answer modification."]
    }
    gc.state.reader_studies[rs["pk"]].allow_answer_modification = True
    assert demo.patch(a["api_url"], json={"answer": 12}).status_code == 403
    r = reader.patch(a["api_url"], json={"answer": 11, "last_edit_duration": "P0DT00H00M05S"})
    assert r.status_code == 200
    assert r.json()["answer"] == 11 and r.json()["total_edit_duration"] == "P0DT00H00M15S"
    r = reader.patch(a["api_url"], json={"display_set": ds["api_url"]})
    assert r.json() == {
        "non_field_errors": ["Only the answer and last_edit_duration field can be modified."]
    }


def test_mask_answer(gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client) -> None:
    rs = study(demo)
    q = questions(rs)["Mask"]
    ds = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()[
        "results"
    ][0]
    a = reader.post(
        "reader-studies/answers/",
        json={"answer": None, "display_set": ds["api_url"], "question": q["api_url"]},
    ).json()
    assert a["answer"] is None and a["answer_image"] is None
    mask = upload(reader, "mask.mha", mask_bytes((0, 1)))
    r = reader.post(
        "cases/upload-sessions/", json={"uploads": [mask["api_url"]], "answer": a["pk"]}
    )
    assert r.status_code == 201, r.text
    r2 = reader.post(
        "cases/upload-sessions/", json={"uploads": [mask["api_url"]], "answer": a["pk"]}
    )
    assert r2.json() == {"answer": ["This answer already has an image assignment pending"]}
    wait(gc)
    a = reader.get(a["api_url"]).json()
    assert a["answer"] == {"upload_session_pk": r.json()["pk"]}
    assert a["answer_image"] is not None
    image = reader.get(a["answer_image"]).json()
    assert reader.get(image["files"][0]["file"], follow_redirects=True).status_code == 200
    # editors can see the mask too
    assert demo.get(a["answer_image"]).status_code == 200
    bool_q = questions(rs)["Bool"]
    b = reader.post(
        "reader-studies/answers/",
        json={"answer": True, "display_set": ds["api_url"], "question": bool_q["api_url"]},
    ).json()
    other = upload(reader, "m2.mha", mask_bytes((0, 1)))
    r = reader.post(
        "cases/upload-sessions/", json={"uploads": [other["api_url"]], "answer": b["pk"]}
    )
    assert r.json() == {"answer": ["This question does not accept image type answers."]}


def test_upload_session_into_display_set_and_put(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client
) -> None:
    rs = study(demo)
    ds = demo.post(
        "reader-studies/display-sets/", json={"reader_study": rs["slug"], "title": "t"}
    ).json()
    up = upload(demo, "ct.mha", ct_bytes(5))
    r = demo.post(
        "cases/upload-sessions/", json={"uploads": [up["api_url"]], "display_set": ds["pk"]}
    )
    assert r.json() == {
        "non_field_errors": ["An interface needs to be defined to upload to a display set."]
    }
    r = demo.post(
        "cases/upload-sessions/",
        json={"uploads": [up["api_url"]], "display_set": ds["pk"], "interface": "ct-image"},
    )
    assert r.status_code == 201
    mine = upload(reader, "ct.mha", ct_bytes(5))
    r = reader.post(
        "cases/upload-sessions/",
        json={"uploads": [mine["api_url"]], "display_set": ds["pk"], "interface": "ct-image"},
    )
    assert r.json() == {"display_set": [f'Invalid pk "{ds["pk"]}" - object does not exist.']}
    wait(gc)
    url = f"reader-studies/display-sets/{ds['pk']}/"
    demo.patch(url, json={"values": [{"interface": "some-score", "value": 7.9}]})
    assert [v["interface"]["slug"] for v in demo.get(url).json()["values"]] == [
        "some-score",
        "ct-image",
    ]
    r = demo.put(url, json={"values": [{"interface": "some-score", "value": 1.0}]})
    assert r.status_code == 200 and [v["interface"] for v in r.json()["values"]] == ["some-score"]
    assert r.json()["title_safe"] == "t" and "title" not in r.json()  # write-only since 2025.10


def test_mask_answer_with_invalid_voxels_fails(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client
) -> None:
    rs = study(demo)
    q = questions(rs)["Mask"]
    ds = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()[
        "results"
    ][1]
    a = reader.post(
        "reader-studies/answers/",
        json={"answer": None, "display_set": ds["api_url"], "question": q["api_url"]},
    ).json()
    mask = upload(reader, "mask.mha", mask_bytes((0, 1, 2)))
    r = reader.post(
        "cases/upload-sessions/", json={"uploads": [mask["api_url"]], "answer": a["pk"]}
    )
    wait(gc)
    s = reader.get(r.json()["api_url"]).json()
    assert s["status"] == "Failed" and "2" in s["error_message"]
    assert reader.get(a["api_url"]).json()["answer_image"] is None


def test_ground_truth(gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client) -> None:
    rs = study(demo)
    ds = demo.get("reader-studies/display-sets/", params={"reader_study": rs["pk"]}).json()[
        "results"
    ][0]
    url = f"reader-studies/{rs['pk']}/ground-truth/{ds['pk']}/"
    assert demo.get(url).status_code == 404
    model = gc.state.reader_studies[rs["pk"]]
    model.is_educational = True
    choice = next(q for q in gc.state.questions.values() if q.answer_type == "CHOI")
    gc.state.add_ground_truth(
        gc.state.display_sets[ds["pk"]], choice, choice.options[2]["id"], explanation="typical"
    )
    assert demo.get(rs["api_url"]).json()["has_ground_truth"] is True
    body = reader.get(url).json()
    assert body[choice.pk]["answer_text"] == "CO-RADS 3"
    assert body[choice.pk]["explanation"] == "typical"
    assert body[choice.pk]["options"][str(choice.options[0]["id"])] == "CO-RADS 1"
    # ground-truth answers are not "mine" and do not block readers
    assert reader.get("reader-studies/answers/mine/").json()["count"] == 0


def test_display_set_titles_are_unique_per_reader_study_when_not_empty(
    demo: httpx.Client,
) -> None:
    rs = study(demo)
    title = f"case {uuid.uuid4().hex[:8]}"  # the session's server is shared
    first = demo.post(
        "reader-studies/display-sets/", json={"reader_study": rs["slug"], "title": title}
    )
    assert first.status_code == 201
    unique = {"non_field_errors": ["The fields title, reader_study must make a unique set."]}
    again = demo.post(
        "reader-studies/display-sets/", json={"reader_study": rs["slug"], "title": title}
    )
    assert again.status_code == 400 and again.json() == unique
    # Empty titles may repeat.
    for _ in range(2):
        r = demo.post("reader-studies/display-sets/", json={"reader_study": rs["slug"]})
        assert r.status_code == 201
    other = r.json()
    url = f"reader-studies/display-sets/{other['pk']}/"
    r = demo.patch(url, json={"title": title, "order": 1})
    assert r.status_code == 400 and r.json() == unique
    assert demo.get(url).json()["order"] == other["order"]  # a refused update changes nothing
    # Renaming a display set to its own title is fine.
    assert (
        demo.patch(
            f"reader-studies/display-sets/{first.json()['pk']}/", json={"title": title}
        ).status_code
        == 200
    )
