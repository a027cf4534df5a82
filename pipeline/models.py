"""Data models of the output contract (../shared/design/output-contract.md).

Every JSON the pipeline writes is an instance of `Document`; the JSON Schema file in
`pipeline/schema/` is generated from these classes (`pipeline schema --write`) and a test
keeps the two in sync. All offsets are Python `str` indices into `Document.text`, end
exclusive.

Amounts are computed with `Decimal` inside the pipeline and written as JSON numbers; a value
that is a whole number is written as an integer, so large amounts never pick up float drift.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.5"

EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "FACILITY", "PRODUCT", "PROGRAM", "LAW", "EVENT"]
NameSource = Literal["termbase", "dictionary", "latin", "transliteration"]
# How the English name was made, finer than NameSource, so a reader knows how far to trust it (schema 1.1;
# two readings added in 1.2).
NameMethod = Literal[
    "termbase",          # a curated termbase / places row: the name the actor uses
    "termbase_reading",  # a curated row giving the Japanese / Korean reading of a name in characters
    "dictionary",        # a CC-CEDICT proper-name entry or gloss
    "composed",          # place or known name + body type (湖北省发展改革委 -> Hubei Provincial Development and Reform Commission)
    "latin",             # written in Latin script in the article
    "pinyin",            # Mandarin pinyin of a Chinese name or place
    "wade_giles",        # Wade-Giles spelling of a Taiwanese personal name
    "japanese_reading",  # curated Japanese readings of the family name and, where listed, the given name
    "korean_reading",    # syllable-by-syllable Korean reading; the person's own spelling may differ
    "western_reading",   # a Western name read back from its Chinese transcription
    "cantonese_reading",  # Hong Kong government romanisation of a Hong Kong person's name (schema 1.2)
    "western_syllables",  # a transcription read character by character (Xinhua table): approximate (schema 1.2)
]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "range"]
QuantityKind = Literal["percent", "multiple", "fraction"]
Verdict = Literal["consistent", "inconsistent", "unverifiable"]
ClaimType = Literal["fact", "statistic", "forecast", "opinion", "recommendation"]
RiskCategory = Literal[
    "execution", "technology", "geopolitical", "talent", "commercialization",
    "financial", "supply_chain", "competition", "policy",
]
StanceLabel = Literal["supportive", "skeptical", "mixed", "neutral"]
SentenceKind = Literal["title", "heading", "body", "byline"]
Number = int | float


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BylineName(Model):
    """The English name of a name in the byline (schema 1.5), with where it comes from, as in entity_index."""
    name_en: str
    name_en_source: Optional[NameSource] = None
    name_en_method: Optional[NameMethod] = None


# the byline roles whose values are people or outlets (the others are places, dates, numbers, notes)
BYLINE_NAME_ROLES = ("author", "reviewer", "editor", "publisher", "source")


class Byline(Model):
    author: Optional[str] = None
    reviewer: Optional[str] = None
    editor: Optional[str] = None
    publisher: Optional[str] = None
    image_source: Optional[str] = None
    source: Optional[str] = Field(None, description="来源: where the article says it comes from")
    department: Optional[str] = Field(
        None, description="the department or desk of the issuing body that wrote the article (产业研究部); schema 1.3")
    platform: Optional[str] = Field(
        None, description="the social platform the article was posted on (微博, 微信), from its post header; schema 1.3")
    dateline: Optional[str] = Field(
        None, description="the place a reporter files from (记者 周岚 发自拉巴特 -> 拉巴特, 林佩萱/吉隆坡报导 -> 吉隆坡); "
                          "schema 1.4 (the raw note stays in other[\"发稿地\"])")
    document_number: Optional[str] = Field(
        None, description="an official document's number, 文号 (津滨政办发〔2026〕27号); schema 1.4 (also in other[\"文号\"])")
    other: dict[str, str] = Field(default_factory=dict, description="byline roles not mapped above, keyed by the Chinese label")
    names_en: dict[str, "BylineName"] = Field(
        default_factory=dict,
        description="English names of the people and outlets named in author, reviewer, editor, publisher and source, "
                    "and of the dateline's place, keyed by the name as written (周岚 -> Zhou Lan, 拉巴特 -> Rabat): "
                    "the entity index's name when the text mentions them, else named the same way (termbase, "
                    "dictionary, pinyin or a Japanese / Korean reading: see name_en_method); schema 1.5")


class Source(Model):
    path: str
    sha256: str = Field(description="SHA-256 of the raw bytes as read")
    size_bytes: int
    format: Literal["txt", "md", "html", "jsonl"]
    encoding: str = Field(description="encoding the bytes were decoded with")
    script: Literal["simplified", "traditional"] = Field(description="script of the original text")
    original_text: Optional[str] = Field(
        None, description="the text before Traditional-to-Simplified conversion; null when no conversion was done")
    title: Optional[str] = None
    published: Optional[str] = Field(
        None, description="the publication date the article states (byline, date line, page metadata), ISO 8601: "
                          "2026-11-19, or 2026-11-19T08:30 when a time is given; null when it states none with a year; "
                          "schema 1.4 (the raw string stays in byline.other)",
        pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")
    byline: Byline = Field(default_factory=Byline)


class Section(Model):
    id: int
    title: Optional[str] = Field(description="heading text as written; null for the lead section before any heading")
    start: int
    end: int
    heading_start: Optional[int] = None
    heading_end: Optional[int] = None


class Paragraph(Model):
    id: int
    start: int
    end: int
    section_id: int


class Sentence(Model):
    id: int
    start: int
    end: int
    text: str
    section_id: int
    paragraph_id: int
    kind: SentenceKind = "body"


class Token(Model):
    start: int
    end: int
    text: str
    sentence_id: int


class EntityMention(Model):
    text: str
    start: int
    end: int
    label: EntityLabel
    entity_id: str
    sentence_id: Optional[int] = None


class EntityIndexEntry(Model):
    entity_id: str
    label: EntityLabel
    name_zh: str
    name_en: Optional[str] = None
    name_en_source: Optional[NameSource] = None
    name_en_method: Optional[NameMethod] = None
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(description="number of mentions in this document")


class Money(Model):
    text: str
    start: int
    end: int
    sentence_id: Optional[int]
    value: Number
    value_max: Optional[Number] = None
    currency: str = Field(description="ISO 4217 code")
    qualifier: Qualifier
    usd_value: Optional[Number] = None
    usd_value_max: Optional[Number] = None
    usd_rate: Optional[Number] = Field(None, description="US dollars per one unit of `currency`")
    usd_rate_source: Optional[str] = None
    equivalent_of: Optional[int] = Field(None, description="index in `money` of the amount this one restates")


class Quantity(Model):
    text: str
    start: int
    end: int
    sentence_id: Optional[int]
    kind: QuantityKind
    value: Number
    value_max: Optional[Number] = None
    qualifier: Qualifier = "exact"


class NumericCheck(Model):
    sentence_id: int
    claim_text: str
    computation: str
    verdict: Verdict
    start: Optional[int] = None
    end: Optional[int] = None


class Claim(Model):
    sentence_id: int
    text: str
    type: ClaimType
    hedged: bool
    attribution: str
    confidence: float
    text_en: Optional[str] = None


class Risk(Model):
    sentence_id: int
    text: str
    category: RiskCategory
    confidence: float
    text_en: Optional[str] = None


class Opportunity(Model):
    sentence_id: int
    text: str
    confidence: float
    text_en: Optional[str] = None


class StanceResult(Model):
    target: Optional[str] = None
    target_en: Optional[str] = None
    label: Optional[StanceLabel] = Field(None, description="null only when no stance component ran")
    score: Optional[float] = None
    evidence: list[int] = Field(default_factory=list, description="sentence ids")


class Stance(StanceResult):
    targets: list[StanceResult] = Field(default_factory=list)


class SummaryItem(Model):
    text: str
    sentence_ids: list[int] = Field(default_factory=list)
    category: Optional[str] = None


class SummaryEn(Model):
    headline: Optional[str] = None
    abstract: list[SummaryItem] = Field(default_factory=list)
    key_figures: list[SummaryItem] = Field(default_factory=list)
    actors: list[SummaryItem] = Field(default_factory=list)
    key_claims: list[SummaryItem] = Field(default_factory=list)
    risks: list[SummaryItem] = Field(default_factory=list)
    opportunities: list[SummaryItem] = Field(default_factory=list)
    stance: Optional[SummaryItem] = None
    numeric_checks: list[SummaryItem] = Field(default_factory=list)


class Provenance(Model):
    pipeline_version: str
    schema_version: str
    components: list[str] = Field(description="pipeline components that ran, in order")
    backends: dict[str, str] = Field(description="libraries and models used, with versions")
    started_at: str
    duration_s: float
    stage_seconds: dict[str, float] = Field(default_factory=dict)


class Document(Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: Source
    text: str
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    tokens: list[Token]
    entities: list[EntityMention] = Field(default_factory=list)
    entity_index: list[EntityIndexEntry] = Field(default_factory=list)
    money: list[Money] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    numeric_checks: list[NumericCheck] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    stance: Stance = Field(default_factory=Stance)
    summary_en: SummaryEn = Field(default_factory=SummaryEn)
    provenance: Provenance


class RunError(Model):
    path: str
    stage: str
    reason: str


class RunReport(Model):
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    corpus: str
    out: str
    started_at: str
    duration_s: float
    workers: int = Field(1, description="worker processes that analysed documents")
    counts: dict[str, int]
    stage_seconds: dict[str, float]
    documents: list[dict[str, str]] = Field(description="doc_id, path and status (analysed, skipped, failed) per input")
    errors: list[RunError]


def document_json_schema() -> dict:
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://zh-policy-pipeline/schema/document-{SCHEMA_VERSION}.schema.json"
    return schema
