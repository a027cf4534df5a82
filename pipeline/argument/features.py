"""Sentence features: cue-lexicon scores, modality, negation, numbers, attribution, section context,
and character n-grams. Features are a sparse dict name -> value, shared by the lexicon baseline,
the trained linear models and the training script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.argument.lexicon import Lexicons

RISK_CATEGORIES = ("execution", "technology", "geopolitical", "talent", "commercialization",
                   "financial", "supply_chain", "competition", "policy")

_NUMBER = re.compile(r"\d[\d,.]*|[一二三四五六七八九十两百千万亿]+(?:[个万亿倍成]|分之)")
_MONEY = re.compile(r"(?:\d[\d,.]*|[一二三四五六七八九十两百千]+)\s*(?:万亿|亿|万)?\s*(?:美元|美金|欧元|日元|日圆|韩元|卢比|英镑|雷亚尔|元|新台币)|[$¥€₹£]\s?\d")
_PERCENT = re.compile(r"\d[\d.]*\s*%|百分之|[一二三四五六七八九十]成")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
_FIRST_PERSON = re.compile(r"我们|我|笔者|本文|在我们看来")
_QUOTE = re.compile(r"[“「]")
_BYLINE_LIKE = re.compile(r"^\s*[\u4e00-\u9fff/]{1,8}\s*[|｜:：]\s*[^，。,；;！？!?\s]{1,30}$|^\s*(?:文|作者|记者|撰文)\s*[/／]\s*\S{1,12}$|^[（(][^）)]*(?:观点|建议|转载|参考)[^）)]*[）)]$")
_ENUMERATOR = re.compile(r"^\s*[（(][一二三四五六七八九十\d]{1,2}[)）][^，,]{1,20}[。.]?$")
_SECTION_RISK = re.compile(r"风险|挑战|隐忧|难题|变量|短板|疑虑|坎|争议")
_SECTION_OPP = re.compile(r"机遇|机会|受益|优势")
_DIGIT = re.compile(r"\d+")


@dataclass
class SentenceView:
    """What the features see of one sentence. The optional fields hold other components' outputs
    (`pipeline.argument.context.build_views`); None = not available, the features then fall back to
    this package's own regexes (money, percent) and jieba (words)."""

    text: str
    kind: str = "body"
    section_title: str | None = None
    position: float = 0.0  # 0..1 within the document
    words: tuple[str, ...] | None = None          # the pipeline's word tokens in this sentence
    money: int | None = None                      # money amounts the figures component found here
    quantities: tuple[str, ...] | None = None     # kinds of its quantities here (percent, multiple, fraction)
    entities: tuple[tuple[str, int, int], ...] | None = None  # (label, start, end) relative to the sentence
    paragraph: tuple[int, int] | None = None      # (index of the sentence in its paragraph, sentences in the paragraph)


def is_non_claim(view: SentenceView) -> bool:
    """Titles, headings and bylines are never claims (also byline-like lines the structure left as body)."""
    return view.kind in ("title", "heading", "byline") or _non_claim_text(view.text)


# Session 12: a disclaimer line without brackets (the bracketed ones are _BYLINE_LIKE's): a headed forward-looking
# statement or disclaimer ("前瞻性陈述：本纪录包含前瞻性陈述，实际结果可能因……而与预测有重大差异。", "免责声明：……"), or the
# document saying of itself that it is for reference, its author's view only, or no investment advice ("本文仅代表作者
# 个人观点，不构成投资建议。", "本纪录由……整理，仅供参考"). The GUIDE's editor/disclaimer lines: no claim, and their
# boilerplate risk words (市场需求、汇率及地缘政治) are no risk.
_DISCLAIMER = re.compile(r"^\s*(?:前瞻性(?:陈述|声明)|免责(?:声明|条款))\s*[：:]"
                         r"|^\s*(?:本文|本报告|本纪录|本记录|本简报|本帖|本资料|以上内容|上述内容)[^。！？]{0,30}"
                         r"(?:仅供参考|不构成[^。！？]{0,6}投资建议|仅代表|不代表[^。！？]{0,10}立场)"
                         # Session 13: a research report's standard disclaimer ("本报告所载信息……，但本公司对这些信息的准确性及
                         # 完整性不作任何保证。", "投资者不应将本报告作为投资决策的唯一依据。", "……风险自担").
                         r"|^\s*(?:本文|本报告|本公司|投资者|以上内容|上述内容)[^。！？]{0,60}"
                         r"(?:不作(?:出)?任何[^。！？]{0,10}保证|不应将本报告作为|不构成[^。！？]{0,6}(?:要约|邀请)|风险自担|风险自负)")
# Session 13: a table's or figure's caption ("表1：阿尔卑斯精工盈利预测", "图2：可比公司估值（2027年一致预期）"), without a
# sentence end: it names what follows and asserts nothing (all such lines in the labels are no claim).
_CAPTION = re.compile(r"^\s*(?:附?表|附?图)\s*\d{1,2}\s*[：:．.]\s*[^。！？!?]{1,40}$")


@lru_cache(maxsize=8192)
def _non_claim_text(text: str) -> bool:
    stripped = text.strip()
    return (bool(_BYLINE_LIKE.match(stripped)) or bool(_ENUMERATOR.match(stripped)) or bool(_DISCLAIMER.match(stripped))
            or bool(_CAPTION.match(stripped)))


def is_question(text: str) -> bool:
    return text.rstrip(" 　”」』）)").endswith(("？", "?"))


def negated(text: str, pos: int, lex: Lexicons, window: int = 3) -> bool:
    before = text[max(0, pos - window):pos]
    return any(neg in before for neg in ("不", "没", "未", "无", "非", "毫无")) and "不仅" not in before


def attribution_of(text: str, lex: Lexicons) -> str:
    """The named source a sentence is attributed to, or "author" (memoised per lexicon set: the features
    and the classifier both ask for every sentence)."""
    cache = lex.__dict__.setdefault("_attribution_cache", {})
    if text not in cache:
        if len(cache) > 20000:
            cache.clear()
        cache[text] = _attribution_of(text, lex)
    return cache[text]


def clear_caches(lex: Lexicons) -> None:
    """Forget the memoised attributions, stance-pattern hits and non-claim tests (called once per document)."""
    lex.__dict__.pop("_attribution_cache", None)
    lex.__dict__.pop("_pattern_cache", None)
    _non_claim_text.cache_clear()


def _attribution_of(text: str, lex: Lexicons) -> str:
    head = text[:60]
    candidates = lex.gate("attribution", [regex for regex, _ in lex.attribution]).may_match(head)
    for (regex, literal), candidate in zip(lex.attribution, candidates):
        match = candidate and regex.search(head)
        if match:
            src = match.groupdict().get("src") if "src" in regex.groupindex else None
            source = (src or literal or "").strip("，,：:“ ")
            source = re.sub(r"^(?:据|根据|但|而|另外|此外|同时|对此|其中|不过|然而)", "", source)
            if source and source not in ("我", "我们", "笔者", "本文", "有人说") and len(source) >= 2:
                return source
    return "author"


_SPEECH_VERBS = r"(?:表示|指出|认为|称|说|透露|强调|坦言|介绍|估计|估算|预测|担心|直言|呼吁|宣称|宣布|警告|承认|披露|显示|提醒)"
_SPEECH = re.compile(r"^[^，。；;！？!?]{0,14}?" + _SPEECH_VERBS)


def entity_source(view: SentenceView) -> str | None:
    """A PERSON/ORG mention (from the entities component) near the start followed by a speech verb."""
    for label, start, end in view.entities or ():
        if label in ("PERSON", "ORG") and start <= 25 and _SPEECH.match(view.text[end:end + 20]):
            return view.text[start:end]
    return None


def polarity_hits(text: str, lex: Lexicons) -> tuple[float, float, list[str]]:
    """(positive, negative, kinds) stance evidence from cues (with negation) and irony/rhetoric patterns."""
    pos = neg = 0.0
    for cue, label, weight, at in lex.stance.scan(text):
        flip = negated(text, at, lex)
        if (label == "+") != flip:
            pos += weight
        else:
            neg += weight
    return _with_pattern_hits(text, lex, pos, neg)


def _with_pattern_hits(text: str, lex: Lexicons, pos: float, neg: float,
                       skip_kind: str | None = None) -> tuple[float, float, list[str]]:
    """`pos` and `neg` plus the weights of the irony / rhetoric patterns found in `text` (but those of
    `skip_kind`), and the kinds found."""
    cache = lex.__dict__.setdefault("_pattern_cache", {})  # the features and the stance reading both ask (session 8)
    key = (text, skip_kind)
    if key not in cache:
        cache[key] = _pattern_hits(text, lex, skip_kind)
    more_pos, more_neg, kinds = cache[key]
    return pos + more_pos, neg + more_neg, list(kinds)


def _pattern_hits(text: str, lex: Lexicons, skip_kind: str | None) -> tuple[float, float, tuple[str, ...]]:
    pos = neg = 0.0
    kinds: list[str] = []
    candidates = lex.gate("stance_patterns", [pattern.regex for pattern in lex.stance_patterns]).may_match(text)
    for pattern, candidate in zip(lex.stance_patterns, candidates):
        if pattern.kind == skip_kind:
            continue
        if candidate and pattern.regex.search(text):
            if pattern.label == "+":
                pos += pattern.weight
            elif pattern.label == "-":
                neg += pattern.weight
            kinds.append(pattern.kind)
    return pos, neg, tuple(kinds)


# Stance polarity of a sentence for the stance decisions (document and target stance; the models' `x:pos` /
# `x:neg` features keep `polarity_hits`). General readings of Chinese evaluative syntax on top of it:
# - an affirmative rhetorical question asserts its content ("这难道不是最好的……吗？" = it is the best;
#   "谁能想到……？"): not skeptical sarcasm; the negation inside 难道不/岂不/何尝不 is the question's, not the
#   content's (谁说……？ is left a plain question: its polarity depends on the premise it denies);
# - an excess modifier or an appearance marker turns praise into criticism ("过于乐观", "数据看起来很亮眼");
# - in an adversative sentence ("A，但/不过/然而/却 B"; "虽然/尽管 A，B") the conceded clause A weighs
#   CONCESSIVE_WEIGHT and the asserted clause B fully; a sentence opening with "当然，" concedes as a whole.
_AFFIRMATIVE_Q = re.compile(r"难道不|难道没有|岂不|何尝不|谁能想到|谁又能想到|谁会想到")
_EXCESS = re.compile(r"(?:过于|过分|过度|太过)$")
_ADVERSATIVE = re.compile(r"[，,；;：:]\s*(?:但是?|不过|然而|可是|只是)|[^，,；;。]{0,12}?(?<![冷忘退推])却(?!步)")  # not 冷却, 望而却步
_CONCESSIVE_HEAD = re.compile(r"^\s*(?:虽然|虽说|尽管|固然)[^，,；;]{1,40}[，,；;]|^\s*当然[，,][^。！？]*")
# appearance before praise marks it as the surface the author goes on to question ("数据看起来很亮眼")
_APPEARANCE = re.compile(r"(?:看起来|看上去|听起来|表面上|乍看|纸面上)[^，,；;。]{0,6}$")
CONCESSIVE_WEIGHT = 0.5


def _balanced_only_conceded(text: str, lex: Lexicons, split: int) -> bool:
    """Session 12: a balanced verdict inside the conceded clause ("当然，电池产业并非一无是处。" opening a short
    concession in a critical op-ed; "……并非一无是处，但……") grants the other side a point before the author returns
    to the argument: it is not the author's overall verdict (kind "conceded", no weight), unlike the same words
    stated as the verdict ("我们认为，……并非一无是处。")."""
    ends = [m.end() for p in lex.stance_patterns if p.kind == "balanced" for m in [p.regex.search(text)] if m]
    return bool(ends) and all(end <= split for end in ends)  # "值得押注，但别指望速成" spans the turn: a verdict


def stance_polarity(text: str, lex: Lexicons) -> tuple[float, float, list[str]]:
    """(positive, negative, kinds) stance evidence of a sentence (already masked with `lex.mask`):
    `polarity_hits` with the affirmative-question, excess-modifier and concessive readings above."""
    question = is_question(text)
    affirm = _AFFIRMATIVE_Q.search(text) if question else None
    if affirm:
        text = text[:affirm.start()] + "\u3000" * len(affirm.group()) + text[affirm.end():]
    split = 0  # cues before `split` are in the conceded clause
    head = _CONCESSIVE_HEAD.match(text)
    if head:
        split = head.end()
    for match in _ADVERSATIVE.finditer(text):
        split = max(split, match.end() if match.group().endswith("却") else match.start() + 1)
    pos = neg = 0.0
    for cue, label, weight, at in lex.stance.scan(text):
        positive = (label == "+") != negated(text, at, lex)
        if positive and label == "+" and (_EXCESS.search(text[max(0, at - 2):at]) or _APPEARANCE.search(text[max(0, at - 12):at])):
            positive = False
        w = weight * (CONCESSIVE_WEIGHT if at < split else 1.0)
        if positive:
            pos += w
        else:
            neg += w
    pos, neg, kinds = _with_pattern_hits(text, lex, pos, neg, skip_kind="rhetorical" if affirm else None)
    if split and "balanced" in kinds and _balanced_only_conceded(text, lex, split):
        kinds = ["conceded" if k == "balanced" else k for k in kinds]
    if affirm:
        kinds.append("affirmative")
    return pos, neg, kinds


_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")
SCOPE_WINDOW = {"modal": 10, "mitigation": 6, "contrast": 40}


def scope_scores(text: str, positions: list[int], lex: Lexicons) -> dict[str, float]:
    """Risk cues (at `positions`) in the scope of a preceding cue of scope_cues.tsv: same clause (no
    comma or stop between) and within SCOPE_WINDOW characters; `scope_negated` = a negation right before
    the risk cue ("没有风险", "不存在……"). Counts per role, as `scope_<role>`."""
    out: dict[str, float] = {}
    cues = lex.scope.scan(text) if lex.scope.entries else []
    for at in positions:
        for cue, role, _, start in cues:
            end = start + len(cue)
            if end <= at and at - end <= SCOPE_WINDOW.get(role, 10) and not _CLAUSE_END.search(text, end, at):
                out["scope_" + role] = out.get("scope_" + role, 0.0) + 1.0
        if negated(text, at, lex):
            out["scope_negated"] = out.get("scope_negated", 0.0) + 1.0
    return out


_MODAL_HEAD = re.compile(r"可能|很可能|或将|或许|恐怕|恐将|势必|难免|也许|未必|会|将")
_CONDITION = re.compile(r"如果|假如|倘若|一旦|万一|若|否则|不然|要是")
_CONTRAST = re.compile(r"(?:^|[，,；;])\s*(?:但是?|然而|不过|可是|只是)|(?<![冷忘退推])却(?!步)")
_FIGURE_AFTER = re.compile(r"\s*(?:约|大约|近|将近)?\s*(?:\d|[一二三四五六七八九十两百千万亿半]+(?:成|分之|倍|%|个|家|万|亿|年|台|座))")


# Session 7: a sentence that only announces risks ("综合来看，……面临以下几类风险。", "不过，ESMC同样面临挑战。", "当然，……并非
#没有变数。", "地缘因素同样不可忽视。", "但这恰恰也是最大的风险。"): short, ends on a risk noun or an attention verb and is
# framed as a pointer (a count of risks, "also/likewise faces", "not without", "this is ...") rather than stating what
# goes wrong. The GUIDE's convention: a topic sentence that only names risk is not a risk; the sentences after it are.
_RISK_NOUN = r"(?:风险|挑战|隐忧|隐患|变数|变量|难题|难关|问题|考验|不确定性|短板)"
_ANNOUNCE = re.compile(
    r"(?:以下|下列|如下|几类|几重|几道|几大|[二三四五六七八九两多][重类大道])[^，。；！？]{0,4}" + _RISK_NOUN + r"[。：:！]?$"
    r"|(?:同样|也|亦|还)(?:要|需|将)?(?:面临|面对|存在|有|看到|伴随着?)[^，。；！？]{0,6}" + _RISK_NOUN + r"[。：:！]?$"
    r"|(?:并非|不是|并不是)没有[^，。；！？]{0,4}" + _RISK_NOUN + r"[。：:！]?$"
    r"|^(?:[^，。]{0,6}[，,])?(?:但|而|不过)?(?:这|这也|这恰恰|这正|这恰恰也|这正是|这也正)是?[^，。；！？]{0,6}" + _RISK_NOUN + r"[。！]?$"
    r"|(?:不可|不容|不能|不应)忽视[。！]?$")
_ANNOUNCE_MAX = 30


def announces_risk(text: str) -> bool:
    """A short sentence that points to risks without stating one (see _ANNOUNCE)."""
    text = text.strip()
    return len(text) <= _ANNOUNCE_MAX and bool(_ANNOUNCE.search(text)) and not _CONDITION.search(text)  # "万一……也将面临考验" states one


def outcome_scores(masked: str, risk_positions: list[int], neg: float, lex: Lexicons) -> dict[str, float]:
    """Risk shape features (session 7): negative-outcome predicates (outcome_cues.tsv), not negated
    (`outcome`) or negated (`outcome_negated`: "不会推迟"); an outcome or risk cue in the scope of a
    possibility marker in the same clause (`modal_outcome`: "可能推迟", "将承压"); a conditional clause
    followed by a negative outcome or risk cue (`conditional_negative`: "如果……将……失控", "否则……"); negative
    content (outcome or risk cue) after a contrast marker (`contrast_negative`:
    "……，但……难以……"); a shortfall marker before a figure (`shortfall`: "仅约4万辆", "不到三成")."""
    out: dict[str, float] = {}
    if not lex.outcome.entries:
        return out
    outcome_at = []
    for cue, role, _, at in lex.outcome.scan(masked):
        if role == "shortfall":
            if _FIGURE_AFTER.match(masked, at + len(cue)):
                out["shortfall"] = out.get("shortfall", 0.0) + 1.0
            continue
        if negated(masked, at, lex):
            out["outcome_negated"] = out.get("outcome_negated", 0.0) + 1.0
        else:
            out["outcome"] = out.get("outcome", 0.0) + 1.0
            outcome_at.append(at)
    negative_at = sorted(outcome_at + [at for at in risk_positions if not negated(masked, at, lex)])
    if not negative_at:
        return out
    for m in _MODAL_HEAD.finditer(masked):
        if any(m.end() <= at <= m.end() + 10 and not _CLAUSE_END.search(masked, m.end(), at) for at in negative_at):
            out["modal_outcome"] = 1.0
            break
    cond = _CONDITION.search(masked)
    if cond and any(at > cond.end() for at in negative_at):
        out["conditional_negative"] = 1.0
    contrast = None
    for contrast in _CONTRAST.finditer(masked):
        pass
    if contrast is not None and any(at >= contrast.end() for at in negative_at):
        out["contrast_negative"] = 1.0
    return out


def lexicon_scores(view: SentenceView, lex: Lexicons) -> dict[str, float]:
    text = view.text
    f: dict[str, float] = {}
    f["hedge"] = float(len(lex.hedges.scan(text)))
    f["forecast"] = lex.forecast.score(text)
    f["recommendation"] = lex.recommendation.score(text)
    if OPTIONS["directives"]:  # official-notice provisions count as recommendation cues
        f["recommendation"] += lex.directive_score(text.strip())
    f["statistic"] = lex.statistic.score(text)
    f["opinion"] = lex.opinion.score(text)
    f["opportunity"] = lex.opportunity.score(text)
    f["risk_mod"] = lex.risk_modifiers.score(text)
    masked = lex.mask(text)  # 风险投资, 风险管理 … are not risk or stance cues
    risk_any = 0.0
    hits = lex.risk.scan(masked)
    for cue, cat, weight, at in hits:
        if cat == "any":
            risk_any += weight
        else:
            f["riskcat=" + cat] = f.get("riskcat=" + cat, 0.0) + weight
    f["risk_any"] = risk_any
    if OPTIONS["scope"] and hits:
        f.update(scope_scores(masked, [h[3] for h in hits], lex))
    pos, neg, kinds = polarity_hits(masked, lex)
    f["pos"], f["neg"] = pos, neg
    if OPTIONS["outcome"]:
        f.update(outcome_scores(masked, [h[3] for h in hits], neg, lex))
    if OPTIONS["announce"] and announces_risk(text):
        f["announce"] = 1.0
    f["irony"] = float(kinds.count("irony"))
    f["rhetorical"] = float(kinds.count("rhetorical"))
    f["negation"] = float(len(lex.negation.scan(text)))
    f["numbers"] = float(len(_NUMBER.findall(text)))
    if view.money is not None:  # the figures component's amounts and quantities
        f["money"] = float(view.money)
        f["percent"] = float(len(view.quantities or ()))
    else:
        f["money"] = float(len(_MONEY.findall(text)))
        f["percent"] = float(len(_PERCENT.findall(text)))
    f["year"] = float(len(_YEAR.findall(text)))
    f["question"] = float(is_question(text))
    f["exclaim"] = float(text.rstrip("”」）)").endswith(("！", "!")))
    f["first_person"] = float(bool(_FIRST_PERSON.search(text)))
    f["quote"] = float(bool(_QUOTE.search(text)))
    f["attributed"] = float(attribution_of(text, lex) != "author")
    if view.entities is not None:
        f["named_source"] = float(entity_source(view) is not None)
    f["non_claim"] = float(is_non_claim(view))
    f["section_risk"] = float(bool(view.section_title and _SECTION_RISK.search(view.section_title)))
    f["section_opp"] = float(bool(view.section_title and _SECTION_OPP.search(view.section_title)))
    return f


# Which feature blocks are used (models/argument/README.md has the measured alternatives; train and
# evaluate with the same settings). directives: directive_patterns.tsv adds to the recommendation score;
# chars: character 1-2 grams; words: the pipeline's word tokens (jieba) as unigrams (+ bigrams);
# figures / entities: indicator features for the figures and PERSON/ORG mentions found in the sentence
# (their counts already feed the `x:money`, `x:percent` and `x:named_source` scores).
# category_context: the section title's and neighbours' risk-category cues as features of the category model.
OPTIONS = {"directives": True, "chars": True, "words": True, "word_bigrams": False, "figures": False, "entities": False,
           "category_context": True, "scope": True, "outcome": True, "outcome_clause": True,
           "announce": True, "document_tone": True, "section_words": True, "paragraph": True}
PARAGRAPH = "par:"  # prefix of the sentence's place in its paragraph (training.PARAGRAPH_MODELS see it)


def paragraph_place(index: int, size: int) -> str:
    """Where a sentence stands in its paragraph: the paragraph's only sentence, its first (the topic sentence that
    announces what the paragraph is about), its last, or one in the middle."""
    return "only" if size == 1 else "first" if index == 0 else "last" if index == size - 1 else "mid"


SECTION_WORDS = "sw:"  # prefix of the section title's character bigrams (risk models only: training.SECTION_MODELS)


def words_of(view: SentenceView) -> tuple[str, ...]:
    if view.words is not None:
        return view.words
    import jieba  # fallback only (short texts, bare sentence lists): the pipeline passes its own tokens

    return tuple(w for w in jieba.lcut(view.text) if w.strip())


def features(view: SentenceView, lex: Lexicons, ngrams: bool = True,
             scores: dict[str, float] | None = None, words: bool = True) -> dict[str, float]:
    """All features of one sentence: lexicon scores (prefix `x:`), shape, the figures and entities the
    pipeline found (`fig:`, `ent:`), char 1-2 grams (`c:`) and words (`w:`)."""
    if scores is None:
        scores = lexicon_scores(view, lex)
    out = {"x:" + k: v for k, v in scores.items() if v}
    length = len(view.text)
    out["len:" + ("s" if length < 15 else "m" if length < 40 else "l" if length < 80 else "xl")] = 1.0
    out["kind:" + view.kind] = 1.0
    out["pos:" + str(min(int(view.position * 4), 3))] = 1.0
    if OPTIONS["paragraph"] and view.paragraph is not None and not is_non_claim(view):
        out[PARAGRAPH + paragraph_place(*view.paragraph)] = 1.0
    if OPTIONS["figures"]:
        if scores.get("money"):
            out["fig:money"] = 1.0
        for kind in set(view.quantities or ()):
            out["fig:" + kind] = 1.0
    if OPTIONS["entities"] and view.entities:
        for label in {e[0] for e in view.entities if e[0] in ("PERSON", "ORG")}:
            out["ent:" + label] = 1.0
    if ngrams:
        if OPTIONS["chars"]:
            text = _DIGIT.sub("0", view.text)
            out.update(dict.fromkeys(["c:" + ch for ch in text], 1.0))
            out.update(dict.fromkeys(["c:" + text[i:i + 2] for i in range(len(text) - 1)], 1.0))
        if OPTIONS["words"] and words:  # (not for short texts: the short-text model has no word features)
            words = words_of(view)
            tokens = _DIGIT.sub("0", "\x00".join(words)).split("\x00") if words else []  # one pass, not one per word
            out.update(dict.fromkeys(["w:" + w for w in tokens], 1.0))
            if OPTIONS["word_bigrams"]:
                out.update(dict.fromkeys(["w:" + a + "_" + b for a, b in zip(tokens, tokens[1:])], 1.0))
    return out


def _context_summary(scores: dict[str, float], view: SentenceView) -> dict[str, float]:
    if is_non_claim(view):
        return {}
    risk = scores.get("risk_any", 0.0) + sum(v for k, v in scores.items() if k.startswith("riskcat="))
    out = {}
    if risk:
        out["risk"] = min(risk, 3.0)
    if scores.get("neg"):
        out["neg"] = 1.0
    if scores.get("opportunity"):
        out["opp"] = 1.0
    return out


CATEGORY_CONTEXT = "rc:"  # prefix of the risk-category context features (used by the category model only)
# The sentence's own category-only vocabulary (risk_category_cues.tsv) as `rc:own=<category>` features, and the
# section titles' too (`rc:sec=`); classify.combined_category adds them to the cue vote.
CATEGORY_VOCABULARY = True
_CATEGORY_CAP = 2.0


def category_cues(text: str | None, lex: Lexicons, vocabulary: bool = False) -> dict[str, float]:
    """Risk-category cue weights (risk_cues.tsv, categories other than "any") found in a text; with
    `vocabulary`, also the category-only vocabulary of risk_category_cues.tsv."""
    out: dict[str, float] = {}
    masked = lex.mask(text or "")
    hits = lex.risk.scan(masked) + (lex.risk_category.scan(masked) if vocabulary and lex.risk_category.entries else [])
    for cue, cat, weight, at in hits:
        if cat != "any":
            out[cat] = out.get(cat, 0.0) + weight
    return out


# Session 6: parts of a risk sentence that do not name its category, for choosing the category only: the rejected
# side of "不是A，而是B" / "问题不在于A，而在于B" (the risk is B), and the cost word of a consequence "推高/增加……成本"
# (the sentence's category is what raises the cost: a technology, a tariff). The detector still reads the whole text.
# Session 8: the speaker who reports the risk ("一位参与园区设计的欧洲工程师对本刊表示，……", "一位不愿具名的基金经理说：……",
# "有外资分析师认为，……"): the source's occupation or employer names who speaks, not what is at risk.
_NOT_THE_CATEGORY = (re.compile(r"(?:不是|并非|不在于|与其说)(?P<span>[^，。；！？]{1,20}?)[，,]?\s*(?:而是|而在于|不如说)"),
                     re.compile(r"(?:推高|抬高|拉高|推升|增加|提高|加重)了?[^，。；]{0,10}?(?P<span>成本|价格|电价|负担)"),
                     re.compile(r"^(?:[^，。；：:“”]{0,6}[，,])?\s*(?P<span>[^，。；;：:“”「」（(]{2,30}?)(?:[（(][^）)]{1,30}[）)])?"
                                r"(?:对[^，。；：:“”]{1,8})?(?:同时|也|还|则|曾)?" + _SPEECH_VERBS))


def category_text(text: str) -> tuple[str, str]:
    """(the sentence with the spans above blanked, the blanked spans joined) for the category cues."""
    spans = []
    for regex in _NOT_THE_CATEGORY:
        for m in regex.finditer(text):
            spans.append(m.span("span"))
    if not spans:
        return text, ""
    kept, removed = list(text), []
    for a, b in spans:
        removed.append(text[a:b])
        kept[a:b] = ["＿"] * (b - a)
    return "".join(kept), "，".join(removed)


def vocabulary_cues(text: str, lex: Lexicons) -> dict[str, float]:
    """The category-only vocabulary (risk_category_cues.tsv) found in a sentence, per category."""
    out: dict[str, float] = {}
    if lex.risk_category.entries:
        for cue, cat, weight, at in lex.risk_category.scan(lex.mask(text)):
            out[cat] = out.get(cat, 0.0) + weight
    return out


_CLAUSE_SPLIT = re.compile(r"[，,；;：:。！？!?]")


def outcome_clause_cues(text: str, lex: Lexicons) -> dict[str, float]:
    """Session 7: `rc:clause=<category>` features of the category model. Category cues (risk_cues.tsv + risk_category_cues.tsv) of the clauses that carry the sentence's negative
    outcome: a not-negated outcome predicate (outcome_cues.tsv) or general risk word (risk_cues.tsv "any") in the clause. A long risk sentence names
    several topics ("……项目获得了约20亿欧元的补贴，但……如果绿氢价格无法降到……，项目初期将主要使用天然气"); the clause
    with the negative outcome says which one is at risk."""
    masked = lex.mask(category_text(text)[0])
    positions = [at for cue, role, _, at in lex.outcome.scan(masked) if role != "shortfall" and not negated(masked, at, lex)]
    positions += [at for cue, cat, _, at in lex.risk.scan(masked) if cat == "any" and not negated(masked, at, lex)]
    if not positions:
        return {}
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(masked)] + [len(masked)]
    out: dict[str, float] = {}
    for a, b in zip(bounds, bounds[1:]):
        if any(a <= at < b for at in positions):
            for c, w in category_cues(masked[a:b], lex, vocabulary=True).items():
                out[c] = out.get(c, 0.0) + w
    return out


def category_context(views: list[SentenceView], scores: list[dict[str, float]], lex: Lexicons) -> list[dict[str, float]]:
    """Risk-category context of each sentence: the category cues of its section title (`rc:sec=`) and of
    the sentences before and after it (`rc:prev=`, `rc:next=`), each capped at 2. A risk described
    without a category word ("没有电，再多的GPU也只是仓库里的铁盒子") usually continues its neighbours'
    or its section's topic."""
    own = [{k[len("riskcat="):]: min(v, _CATEGORY_CAP) for k, v in s.items() if k.startswith("riskcat=")} for s in scores]
    titles: dict[str | None, dict[str, float]] = {}
    out = []
    for i, view in enumerate(views):
        x: dict[str, float] = {}
        if view.section_title:
            if view.section_title not in titles:
                titles[view.section_title] = category_cues(view.section_title, lex, vocabulary=CATEGORY_VOCABULARY)
            x.update({CATEGORY_CONTEXT + "sec=" + c: min(w, _CATEGORY_CAP) for c, w in titles[view.section_title].items()})
        if CATEGORY_VOCABULARY and not is_non_claim(view):
            kept, removed = category_text(view.text)
            x.update({CATEGORY_CONTEXT + "own=" + c: min(w, _CATEGORY_CAP) for c, w in vocabulary_cues(kept, lex).items()})
            if removed:  # risk_cues.tsv category weights in the spans that do not name the category: out of the vote
                x.update({CATEGORY_CONTEXT + "not=" + c: w for c, w in category_cues(removed, lex).items()})
        sc = scores[i]
        if OPTIONS["outcome_clause"] and (sc.get("outcome") or sc.get("outcome_negated") or sc.get("risk_any")) \
                and not is_non_claim(view):  # category model only (rc:); no outcome or risk word: no clause to read
            for c, w in outcome_clause_cues(view.text, lex).items():
                x[CATEGORY_CONTEXT + "clause=" + c] = min(w, _CATEGORY_CAP)
        if i > 0:
            x.update({CATEGORY_CONTEXT + "prev=" + c: w for c, w in own[i - 1].items()})
        if i + 1 < len(views):
            x.update({CATEGORY_CONTEXT + "next=" + c: w for c, w in own[i + 1].items()})
        out.append(x)
    return out


DOCUMENT_TONE = "doc:"  # prefix of the document-tone features (seen by the risk models only: training.TONE_MODELS)
TONE_SCALE = 3.0


def document_tone(views: list[SentenceView], scores: list[dict[str, float]]) -> dict[str, float]:
    """Session 9: the document's tone, the same features for every sentence of it: the shares of its body sentences
    (not titles, headings, bylines) with an opportunity cue (`doc:opp`), with more positive than negative evaluation
    (`doc:pos`), with more negative than positive (`doc:neg`) and with a risk cue (`doc:risk`), x TONE_SCALE. A document-level
    prior for the risk models: how readily a sentence with a problem word is a risk statement differs between an
    optimistic and a critical text, and the sentence features alone cannot see which one it is in."""
    body = [s for s, v in zip(scores, views) if not is_non_claim(v)]
    n = max(len(body), 1)
    shares = {"opp": sum(1 for s in body if s.get("opportunity")) / n,
              "pos": sum(1 for s in body if s.get("pos", 0.0) > s.get("neg", 0.0)) / n,
              "neg": sum(1 for s in body if s.get("neg", 0.0) > s.get("pos", 0.0)) / n,
              "risk": sum(1 for s in body if s.get("risk_any") or any(k.startswith("riskcat=") for k in s)) / n}
    return {DOCUMENT_TONE + k: TONE_SCALE * v for k, v in shares.items() if v}


def sentence_features(views: list[SentenceView], lex: Lexicons, ngrams: bool = True) -> list[dict[str, float]]:
    """`features` of every sentence of a document plus its neighbours' cue summary (`prev:` / `next:`):
    risk and opportunity statements come in runs, so a risk cue next door raises the prior; the
    risk-category context (`rc:`, see `category_context`) for the category model; and the document's tone
    (`doc:`, see `document_tone`) for the risk models."""
    scores = [lexicon_scores(v, lex) for v in views]
    summaries = [_context_summary(s, v) for s, v in zip(scores, views)]
    context = category_context(views, scores, lex) if OPTIONS["category_context"] else [{}] * len(views)
    out = []
    tone = document_tone(views, scores) if OPTIONS["document_tone"] else {}
    for i, (view, sc) in enumerate(zip(views, scores)):
        x = features(view, lex, ngrams=ngrams, scores=sc)
        x.update(tone)
        if OPTIONS["section_words"] and ngrams and view.section_title and not is_non_claim(view):
            title = _DIGIT.sub("0", view.section_title)
            x.update(dict.fromkeys([SECTION_WORDS + title[k:k + 2] for k in range(len(title) - 1)], 1.0))
        if i > 0:
            x.update({"prev:" + k: v for k, v in summaries[i - 1].items()})
        if i + 1 < len(views):
            x.update({"next:" + k: v for k, v in summaries[i + 1].items()})
        x.update(context[i])
        out.append(x)
    return out
