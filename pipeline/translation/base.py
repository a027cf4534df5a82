"""The backend-independent translator: placeholder protection, batching, loop guard, fallbacks.

An *engine* only turns a batch of source strings into a batch of target strings
(`Engine.generate`); `Translator` does everything else the same way for every backend:

1. protected spans (names, amounts) are replaced by placeholders (`protect.mask`);
2. identical sources are translated once; sources are sorted by length and sent in batches;
3. an output in a repetition loop or of runaway length (`guard.is_degenerate`) is generated again
   with strict settings (stronger repetition penalty, no repeated trigrams, tighter length);
4. placeholders are replaced by the English forms; an output that lost one is retried with the
   English forms written inline and kept only if every form came through verbatim;
5. whatever still fails is None: `text_en` stays null rather than holding a wrong or mixed string.

Decoding is deterministic (beam search, no sampling), so the same input gives the same output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Protocol, Sequence

from pipeline.translation.guard import is_degenerate
from pipeline.translation.protect import DEFAULT_PLACEHOLDER, Span, inline, mask, unmask, verify_inline


class Engine(Protocol):
    name: str          # model id or path
    backend: str       # "transformers", "ctranslate2", "fake"
    version: str

    def generate(self, sources: list[str], *, strict: bool = False) -> list[str]: ...


@dataclass
class TranslationStats:
    sentences: int = 0
    translated: int = 0
    retried_loop: int = 0
    retried_inline: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


class Translator:
    """`translate(sentences, protected_spans)` -> one English string (or None) per sentence."""

    def __init__(self, engine: Engine, *, batch_size: int = 16, placeholder: str = DEFAULT_PLACEHOLDER,
                 max_source_chars: int = 400):
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.placeholder = placeholder
        self.max_source_chars = max_source_chars
        self.stats = TranslationStats()

    @property
    def name(self) -> str:
        return self.engine.name

    @property
    def backend(self) -> str:
        return self.engine.backend

    @property
    def provenance(self) -> dict[str, str]:
        return {"translation": f"{self.engine.backend} {self.engine.version}", "translation_model": self.engine.name}

    def _generate(self, sources: list[str], strict: bool) -> dict[str, str]:
        unique = sorted(set(sources), key=len)
        out: dict[str, str] = {}
        for i in range(0, len(unique), self.batch_size):
            batch = unique[i:i + self.batch_size]
            for src, tgt in zip(batch, self.engine.generate(batch, strict=strict)):
                out[src] = tgt
        return out

    def _generate_guarded(self, sources: list[str]) -> dict[str, Optional[str]]:
        first = self._generate(sources, strict=False)
        looping = [s for s, t in first.items() if is_degenerate(t, s)]
        result: dict[str, Optional[str]] = dict(first)
        if looping:
            self.stats.retried_loop += len(looping)
            second = self._generate(looping, strict=True)
            for s in looping:
                result[s] = None if is_degenerate(second[s], s) else second[s]
        return result

    def translate(self, sentences: Sequence[str], protected_spans: Sequence[Sequence[Span]] | None = None
                  ) -> list[Optional[str]]:
        spans = list(protected_spans) if protected_spans is not None else [[] for _ in sentences]
        if len(spans) != len(sentences):
            raise ValueError("protected_spans must have one list per sentence")
        self.stats.sentences += len(sentences)
        results: list[Optional[str]] = [None] * len(sentences)
        masked = []
        todo = []
        for i, (sentence, sentence_spans) in enumerate(zip(sentences, spans)):
            if not sentence.strip():
                continue
            if len(sentence) > self.max_source_chars:
                self._fail(f"sentence {i}: longer than {self.max_source_chars} characters, not translated")
                continue
            masked.append((i, mask(sentence, sentence_spans, self.placeholder)))
            todo.append(i)
        outputs = self._generate_guarded([m.source for _, m in masked])
        retry: list[tuple[int, str, list[str]]] = []
        for i, m in masked:
            raw = outputs.get(m.source)
            if raw is None:
                self._fail(f"sentence {i}: repetition loop or runaway output, also with strict decoding")
                continue
            restored = unmask(raw, m)
            if restored is None:
                source, english = inline(sentences[i], spans[i])
                retry.append((i, source, english))
            else:
                results[i] = restored
        if retry:
            self.stats.retried_inline += len(retry)
            second = self._generate_guarded([source for _, source, _ in retry])
            for i, source, english in retry:
                raw = second.get(source)
                kept = verify_inline(raw, english, self.placeholder) if raw is not None else None
                if kept is None:
                    self._fail(f"sentence {i}: names or amounts did not survive translation")
                results[i] = kept
        self.stats.translated += sum(r is not None for r in results)
        return results

    def _fail(self, reason: str) -> None:
        self.stats.failed += 1
        if len(self.stats.failures) < 50:
            self.stats.failures.append(reason)
