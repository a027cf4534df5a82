"""The main subject of an article as a short noun phrase: actor + topic + frame from the title and
lead ("日本的量子技术战略" / "Japan's quantum technology strategy").

Actors (countries, places, organisations) with their English names come from the entity resources
(models/entities/places.tsv, models/termbase.tsv); topics and frames from
models/argument/subject_glossary.tsv. `target_en` is given only when both the actor and the topic
are found (so every part has a known English form); otherwise it is None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LOCAL_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,4}?(?:省|市|县|自治区|特别行政区))")
_CLAUSE = re.compile(r"[，,。；;！!？?：:｜|—\s]")


def _tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _matcher(forms) -> re.Pattern:
    forms = sorted(forms, key=len, reverse=True) or ["(?!x)x"]
    return re.compile("|".join(re.escape(f) for f in forms))


@dataclass
class Subject:
    zh: str | None
    en: str | None


class SubjectFinder:
    def __init__(self, models_dir: Path):
        self.actors: dict[str, tuple[str, str]] = {}  # surface form -> (canonical zh, name_en)
        self.states: set[str] = set()
        for row in _tsv(models_dir / "entities" / "places.tsv")[1:]:
            if len(row) >= 4 and row[2] in ("GPE", "LOC", "ORG"):
                self._add(row[0], row[1], row[3])
                self.states.add(row[0])
        for row in _tsv(models_dir / "termbase.tsv")[1:]:
            if len(row) >= 5 and row[3] in ("GPE", "ORG"):
                self._add(row[1], row[2], row[4])
        self.terms: dict[str, tuple[str, str, str]] = {}  # zh -> (en, kind, attributive en)
        self.priority: dict[str, int] = {}
        for row in _tsv(models_dir / "argument" / "subject_glossary.tsv"):
            if len(row) >= 3:
                self.terms[row[0]] = (row[1], row[2], row[3] if len(row) > 3 and row[3] else row[1])
                self.priority[row[0]] = len(self.priority)
        self.actor_re = _matcher(self.actors)
        self.topic_re = _matcher([t for t, (_, k, _a) in self.terms.items() if k == "topic"])
        self.frame_re = _matcher([t for t, (_, k, _a) in self.terms.items() if k == "frame"])

    def _state(self, zh: str) -> bool:
        return zh in self.states or bool(_LOCAL_PLACE.fullmatch(zh))

    def _add(self, zh: str, aliases: str, en: str) -> None:
        for form in [zh] + [a for a in aliases.split("|") if a]:
            if len(form) >= 2 and _CJK.search(form) and form not in self.actors:
                self.actors[form] = (zh, en)

    def _pick(self, regex: re.Pattern, title: str, lead: str, by_priority: bool = False) -> str | None:
        """First match in the title, else the most frequent match in the lead (earliest on ties), or
        for frames the most specific one (glossary order)."""
        hit = regex.search(title)
        if hit:
            return hit.group()
        counts: dict[str, int] = {}
        for m in regex.finditer(lead):
            counts[m.group()] = counts.get(m.group(), 0) + 1
        if not counts:
            return None
        if by_priority:
            return min(counts, key=lambda t: self.priority.get(t, 1 << 20))
        return max(counts, key=counts.get)

    def find(self, title: str | None, lead: list[str]) -> Subject:
        title = title or ""
        lead_text = "".join(lead[:2])
        actor = self._pick(self.actor_re, title, lead_text)
        topic = self._pick(self.topic_re, title, lead_text)
        frame = self._pick(self.frame_re, title, lead_text, by_priority=True)
        if topic is None:
            return Subject(_fallback(title, lead), None)
        if frame and (frame in topic or topic.endswith(frame)):
            frame = None
        if actor:
            actor_zh, actor_en = self.actors[actor]
        else:
            local = _LOCAL_PLACE.match(title.strip() or lead_text)
            actor_zh, actor_en = (local.group(1), None) if local else (None, None)
        if actor_zh and actor_zh in topic:
            actor_zh = actor_en = None
        if frame is None and actor_zh and self._state(actor_zh):
            frame = "战略"
        frame_zh = "措施" if frame == "若干措施" else frame
        zh = (actor_zh + "的" if actor_zh else "") + topic + (frame_zh or "")
        en = None
        if actor_en:
            topic_en = self.terms[topic][2] if frame else self.terms[topic][0]
            frame_en = " " + self.terms[frame][0] if frame else ""
            possessive = "'" if actor_en.endswith("s") else "'s"
            en = f"{actor_en}{possessive} {topic_en}{frame_en}"
        return Subject(zh, en)


# Event and document wrappers around the subject in a title: "国新办举行新闻发布会介绍<X>实施情况",
# "……公司关于<X>的公告", "……关于<X>的通知".
_WRAPPER = re.compile(r"(?:发布会|吹风会|记者会)(?:上)?(?:介绍|解读|通报)(?P<a>.+?)(?:的?(?:有关|相关)?(?:实施|进展)?情况)?$"
                      r"|关于(?P<b>.+?)的(?:公告|通知|决定|报告)$")


# Session 11: an interview's title names the interviewee first and the subject after the colon ("专访秘鲁经济学家某某：
# 钱凯港开港两年，……", "对话某某｜……"); the subject is the part after it.
_INTERVIEW_WRAPPER = re.compile(r"^\s*(?:专访|独家专访|对话|访谈)[^：:｜|]{1,40}[：:｜|]\s*(?P<c>\S.*)$")


def _fallback(title: str, lead: list[str]) -> str | None:
    """No known topic: the title's (else the lead's) first clause, cut to a short phrase (the subject
    inside a press-conference or announcement title, see `_WRAPPER`)."""
    for text in [title] + lead[:1]:
        interview = _INTERVIEW_WRAPPER.match(text) if text else None
        if interview:
            text = interview.group("c")
        wrapped = _WRAPPER.search(text.strip()) if text else None
        if wrapped and len(wrapped.group("a") or wrapped.group("b")) >= 2:
            text = wrapped.group("a") or wrapped.group("b")
        head = _CLAUSE.split(text.strip())[0].strip("“”\"' 【】") if text else ""
        if len(head) >= 2:
            return head[:20]
    return None
