from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
ANNOTATIONS = CORPUS / "annotations"
SEED = CORPUS / "japan-quantum-7.4b-usd.txt"


@pytest.fixture(scope="session")
def analyzer():
    from pipeline.nlp import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory, analyzer):
    """One run of the pipeline over the project corpus, shared by the contract tests."""
    from pipeline.batch import run_corpus

    out = tmp_path_factory.mktemp("corpus-run")
    report, status = run_corpus(CORPUS, out, analyzer=analyzer, progress=False, log=lambda message: None)
    return out, report, status


def load_benchmark(name: str):
    """A script under benchmarks/ imported as a module (they are scripts, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_docs(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "docs").glob("*.json"))}


def annotations() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ANNOTATIONS.glob("*.json"))]


# Articles written and annotated blind at the end of session 13 and measured with the session-end code; nobody has read
# their errors yet (the next session's reading round). The per-article checks they fail are expected to fail, strictly:
# a check that starts passing must be taken off its list, so every fix shows.
UNREAD_BLIND = {
    "test_source_metadata": {"bangladesh-api-pharma-bdt", "jiangsu-hydrogen-trucks-cny",
                             "qatar-ai-datacentre-cooling-qar", "romania-offshore-gas-services-ron"},
    "test_sections_sentences_and_words": {"bangladesh-api-pharma-bdt", "jiangsu-hydrogen-trucks-cny",
                                          "qatar-ai-datacentre-cooling-qar", "romania-offshore-gas-services-ron"},
    "test_key_fact_coverage": {"bangladesh-api-pharma-bdt"},
}
UNREAD_BLIND_ARTICLES = set().union(*UNREAD_BLIND.values())


def per_article(test_name: str, golds: list[dict]) -> list:
    """`golds` as pytest params named by doc_id, the unread blind articles this test fails marked strict xfail."""
    unread = UNREAD_BLIND.get(test_name, set())
    return [pytest.param(g, id=g["doc_id"], marks=pytest.mark.xfail(
                strict=True, reason="session-13 end blind article, errors not yet read")
            if g["doc_id"] in unread else ()) for g in golds]


@pytest.fixture(scope="module")
def namer():
    """The English namer without the termbase (places kept): what composition and the dictionary give an
    actor nobody listed."""
    from pipeline.entities import EntityRecognizer

    return EntityRecognizer(use_termbase=False, statistical="none").namer


@pytest.fixture(scope="module")
def namer_tb():
    """The English namer with the termbase."""
    from pipeline.entities import EntityRecognizer

    return EntityRecognizer(statistical="none").namer


@pytest.fixture(scope="session")
def recognizer():
    """The entity recogniser as the pipeline runs it (LAC, rules, termbase), loaded once for the whole run."""
    from pipeline.entities import EntityRecognizer

    return EntityRecognizer()


@pytest.fixture(scope="session")
def recognizer_no_termbase():
    """The recogniser without the termbase: what the rules, tables and tagger give an actor nobody listed."""
    from pipeline.entities import EntityRecognizer

    return EntityRecognizer(use_termbase=False)
