"""Who speaks in a transcript: interviews (问：…… 答：……) and press conferences (韩启明：……).

A paragraph that opens with a speaker label is that speaker's words, so its sentences are
attributed to the speaker (unless a sentence names its own source). A label is a speaker when it
holds a PERSON mention (韩启明, 主持人何文), is an answer marker (答, A), whose speaker is the person
the title names (专访创投人卢颖芝), or is a question marker or a reporter (问, 记者（第一财经）).
Other labels (建议一：, 背景：, 注：) are not speakers.
"""

from __future__ import annotations

import re
from typing import Sequence

from pipeline.models import EntityMention, Sentence

_LABEL = re.compile(r"^[*\s]*(?P<label>[^：:，。？！?!\s*]{1,14}?)\s*[*]*[：:]")
_ANSWER = ("答", "A")
_QUESTION = ("问", "Q")
_REPORTER = re.compile(r"^记者(?:[（(][^）)]{1,12}[）)])?$")
REPORTER = "记者"


def transcript_speakers(sentences: Sequence[Sentence], entities: Sequence[EntityMention] | None) -> dict[int, str]:
    """sentence id -> the speaker whose words the sentence reports, for the paragraphs of a transcript."""
    persons = [m for m in entities or () if m.label == "PERSON"]
    title = next((s for s in sentences if s.kind == "title"), None)
    interviewee = next((m.text for m in persons if title and title.start <= m.start < title.end), None)
    speakers: dict[int, str] = {}
    current: tuple[int, str] | None = None      # (paragraph id, speaker)
    for sentence in sentences:
        if sentence.kind != "body":
            current = None
            continue
        if current and current[0] != sentence.paragraph_id:
            current = None
        label = _LABEL.match(sentence.text) if current is None else None
        if label:
            speaker = _speaker(label.group("label"), sentence.start + label.start("label"),
                               sentence.start + label.end("label"), persons, interviewee)
            current = (sentence.paragraph_id, speaker) if speaker else None
        if current:
            speakers[sentence.id] = current[1]
    return speakers


def _speaker(label: str, start: int, end: int, persons: Sequence[EntityMention], interviewee: str | None) -> str | None:
    if label in _ANSWER:
        return interviewee
    if label in _QUESTION or _REPORTER.match(label):
        return REPORTER
    person = next((m for m in persons if start <= m.start and m.end <= end), None)
    return person.text if person else None
