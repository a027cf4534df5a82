"""Synthetic benchmark corpus made from the team's articles (`corpus/*.txt|md|html`).

Each article is read with the pipeline's own ingest (so HTML and Markdown become text), cut
into paragraphs (lines), and recombined into `n` new documents, deterministically from `seed`:

- shuffled: one article, title kept first, body paragraphs in a new order;
- combined: two articles, the paragraphs of both interleaved under the first one's title;
- excerpt: a run of one article's paragraphs plus a few paragraphs from another.

Every document is written as UTF-8 `.txt` under `dest` and has a length in the same range as
the real articles (about 1,500 to 13,000 characters).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class SyntheticCorpus:
    folder: Path
    paths: list[Path]
    chars: int
    cjk_chars: int
    sources: list[str]

    @property
    def docs(self) -> int:
        return len(self.paths)


def _source_articles(corpus: Path) -> list[tuple[str, str, list[str]]]:
    from pipeline.ingest import ARTICLE_SUFFIXES, read_article

    articles = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in ARTICLE_SUFFIXES or path.name.startswith("."):
            continue
        article = read_article(path)
        lines = [line.strip() for line in article.text.split("\n") if line.strip()]
        if len(lines) < 3:
            continue
        title = article.title or lines[0]
        body = lines[1:] if lines[0] == title else lines
        articles.append((article.doc_id, title, body))
    if not articles:
        raise SystemExit(f"{corpus}: no usable articles to build the synthetic corpus from")
    return articles


def build_corpus(source: Path, dest: Path, n: int, seed: int = 7) -> SyntheticCorpus:
    rng = random.Random(seed)
    articles = _source_articles(source)
    dest.mkdir(parents=True, exist_ok=True)
    paths, chars, cjk = [], 0, 0
    for i in range(n):
        recipe = i % 3
        _, title, body = articles[rng.randrange(len(articles))]
        _, _, other = articles[rng.randrange(len(articles))]
        if recipe == 0:  # shuffled
            paragraphs = body[:]
            rng.shuffle(paragraphs)
        elif recipe == 1:  # combined
            paragraphs = []
            for a, b in zip(body, other):
                paragraphs += [a, b]
            longer = body if len(body) > len(other) else other
            paragraphs += longer[min(len(body), len(other)):]
        else:  # excerpt
            start = rng.randrange(max(1, len(body) - 3))
            paragraphs = body[start:start + max(3, len(body) // 2)] + rng.sample(other, min(3, len(other)))
        text = "\n".join([title, *paragraphs]) + "\n"
        path = dest / f"syn-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        chars += len(text)
        cjk += len(_CJK.findall(text))
    return SyntheticCorpus(folder=dest, paths=paths, chars=chars, cjk_chars=cjk, sources=[a[0] for a in articles])


def read_texts(paths: list[Path]) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in paths]
