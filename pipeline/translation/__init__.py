"""Sentence translation (issue 6, part 3-5): an optional layer on top of the English summary.

    translator = load_translator("Helsinki-NLP/opus-mt-zh-en")   # None (one message) when absent
    evidence = add_translations(document, translator)             # fills claims/risks/opportunities text_en

`load_translator(model, backend="transformers"|"ctranslate2")` never downloads; `pull_model` and
`list_models` (manage.py) are what `pipeline models pull/list` call. torch, transformers and
ctranslate2 are imported only when an engine is built (optional `[mt]` extra).
"""

from __future__ import annotations

import sys
from typing import Callable, Optional

from pipeline.translation.base import Engine, TranslationStats, Translator
from pipeline.translation.manage import (DEFAULT_MODEL, ModelInfo, ModelUnavailable, ct2_path_for,
                                         format_model_list, list_models, pull_model, resolve_model)
from pipeline.translation.protect import Span

__all__ = [
    "DEFAULT_MODEL", "Engine", "ModelInfo", "ModelUnavailable", "TranslationStats", "Translator",
    "add_translations", "document_protected_spans", "format_model_list", "list_models", "load_translator",
    "pull_model", "sentence_protected_spans",
]

BACKENDS = ("transformers", "ctranslate2")


def _stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def load_translator(model: Optional[str] = None, backend: str = "transformers", *,
                    on_message: Callable[[str], None] | None = None, batch_size: int = 16,
                    threads: int | None = None, revision: str | None = None) -> Optional[Translator]:
    """A Translator for `model` (hub id in the local cache or a local path; default
    Helsinki-NLP/opus-mt-zh-en), or None after one clear message when it cannot be used.

    backend="ctranslate2" takes a converted folder, or a hub id whose conversion is in
    `PIPELINE_CT2_DIR` (converted on first use from the cached transformers model if needed).
    """
    say = on_message or _stderr
    model = model or DEFAULT_MODEL
    if backend not in BACKENDS:
        raise ValueError(f"unknown translation backend {backend!r} (use one of {', '.join(BACKENDS)})")
    try:
        if backend == "transformers":
            from pipeline.translation.engines import TransformersEngine

            target, local_only = resolve_model(model, revision=revision)
            engine: Engine = TransformersEngine(target, local_files_only=local_only, revision=revision, threads=threads)
        else:
            from pathlib import Path

            from pipeline.translation.engines import CTranslate2Engine, convert_to_ctranslate2

            folder = Path(model).expanduser()
            if not (folder / "model.bin").exists():
                folder = ct2_path_for(model)
                if not (folder / "model.bin").exists():
                    source, _ = resolve_model(model, revision=revision)
                    convert_to_ctranslate2(source, folder)
            engine = CTranslate2Engine(folder, threads=threads)
    except ModelUnavailable as exc:
        say(str(exc))
        return None
    except ImportError as exc:
        say(f"translation backend {backend!r} needs the optional packages (pip install 'zh-policy-pipeline[mt]'"
            f"{' ctranslate2' if backend == 'ctranslate2' else ''}): {exc}. text_en stays null.")
        return None
    except Exception as exc:  # a corrupt or incompatible checkpoint must not stop the analysis
        say(f"translation model {model!r} could not be loaded ({type(exc).__name__}: {exc}); text_en stays null.")
        return None
    return Translator(engine, batch_size=batch_size)


def sentence_protected_spans(document, sentence_id: int) -> list[Span]:
    """Protected spans of one sentence, as (start, end, English) relative to the sentence text:
    entities with a reliable English name, money amounts, percentages."""
    from pipeline.translation.forms import format_money, format_quantity

    sentence = document.sentences[sentence_id]
    base, end = sentence.start, sentence.end
    names = {e.entity_id: e for e in document.entity_index}
    spans: list[Span] = []
    for m in document.money:
        if m.sentence_id == sentence_id and base <= m.start and m.end <= end:
            spans.append((m.start - base, m.end - base, format_money(m)))
    for q in document.quantities:
        if q.sentence_id == sentence_id and q.kind == "percent" and base <= q.start and q.end <= end:
            spans.append((q.start - base, q.end - base,
                          format_quantity(q.kind, q.value, q.qualifier, getattr(q, "value_max", None))))
    for m in document.entities:
        entry = names.get(m.entity_id)
        if entry is None or not entry.name_en or not (base <= m.start and m.end <= end):
            continue
        reliable = entry.name_en_source in ("termbase", "latin") or (
            entry.name_en_source in ("dictionary", "transliteration") and entry.label in ("PERSON", "GPE", "LOC"))
        if reliable:
            spans.append((m.start - base, m.end - base, entry.name_en))
    return spans


def document_protected_spans(document, sentence_ids: list[int]) -> list[list[Span]]:
    return [sentence_protected_spans(document, sid) for sid in sentence_ids]


def add_translations(document, translator: Optional[Translator]) -> dict[int, Optional[str]]:
    """Translate the claim, risk, opportunity and stance-evidence sentences of `document` in batches;
    set `text_en` on claims, risks and opportunities and return {sentence_id: English or None}
    for every sentence translated (stance evidence included). No translator: nothing changes."""
    if translator is None:
        return {}
    ids: list[int] = []
    for item in (*document.claims, *document.risks, *document.opportunities):
        ids.append(item.sentence_id)
    ids += list(document.stance.evidence)
    for target in document.stance.targets:
        ids += list(target.evidence)
    ids = sorted({i for i in ids if 0 <= i < len(document.sentences)})
    if not ids:
        return {}
    english = translator.translate([document.sentences[i].text for i in ids], document_protected_spans(document, ids))
    translations = dict(zip(ids, english))
    for item in (*document.claims, *document.risks, *document.opportunities):
        item.text_en = translations.get(item.sentence_id)
    return translations
