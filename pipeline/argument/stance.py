"""Stance: the author's stance toward the article's main subject (supportive / skeptical / mixed /
neutral) and the stance of any text toward a given target (supportive / skeptical / neutral).

Sentence evidence = stance cues (with negation), irony and rhetorical-question patterns, and the
sentence's predicted risk (skeptical evidence) and opportunity (supportive evidence). For target stance
sentences the author attributes to a named source count half; the document stance uses the author's
own sentences only, after a genre check (official release -> supportive, news report -> neutral):
a report that quotes critics is not itself critical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.argument.classify import SentencePrediction
from pipeline.argument.features import CONCESSIVE_WEIGHT, SentenceView

# Document-level decision (see models/argument/README.md "Stance"). Genre first (no thresholds):
# an official release/notice issuing or announcing a policy is supportive of it; a dated news report
# ("【首尔讯】", "新华社……电") relays other people's views and is neutral. Argued texts: author-voice
# evidence only (quoted sources do not count), risk statements weigh less than evaluative cues, irony
# and rhetorical questions are counted separately as sarcasm. Thresholds chosen by leave-one-article-out
# over the labelled articles (benchmarks/claims_eval.py prints the held-out result); the shipped values
# are the grid search's pick on all 38 (the same values as on 34 earlier in session 6). Session 6: sentence evidence read with
# features.stance_polarity (affirmative rhetorical questions, excess/appearance markers, conceded
# clauses), an author's balanced verdict ("并非一无是处", "不必过分悲观") -> mixed, the skeptical grid
# extended to -0.3, and ties between equally good thresholds broken by the margin to the training scores.
SARCASM_SKEPTICAL = 0.10        # (irony + rhetorical questions) / author sentences, with negative balance -> skeptical
SUPPORTIVE_AT = 0.30            # author-voice score at or above -> supportive
SKEPTICAL_AT = -0.30            # author-voice score at or below (without sarcasm) -> skeptical; between -> mixed
TEXT_NEUTRAL_BAND = 0.15        # |score| below this -> neutral, for short texts and target stance
RISK_WEIGHT = 0.5               # a predicted risk is weaker skeptical evidence than an evaluative cue
DOCUMENT_CUE_RISKS = True       # document stance: risks from the cue rule (precise), not the trained model (recall)
BALANCED_MIXED = 1              # author sentences with a balanced verdict (stance_patterns.tsv, kind balanced) -> mixed
# Session 7: author sentences with a verdict that dismisses the caveats just raised ("但这些问题，都是成长中的问题",
# "不过，这些短板恰恰也说明……是务实的"; stance_patterns.tsv, kind dismissive) -> supportive, unless the balance is skeptical.
# A supportive piece that weighs a few cautionary sentences (its "隐忧" section) and answers them read as mixed by the
# cue balance alone.
DISMISSIVE_SUPPORTIVE = 1
GRID = {"sarcasm": (0.10, 0.15, 0.20, 0.25, 0.30), "supportive": (0.2, 0.3, 0.4, 0.5, 0.6),
        "skeptical": (-0.3, -0.4, -0.5, -0.6, -0.7, -0.8, -0.9)}

_OFFICIAL_SOURCE = re.compile(r"^\s*(?:来源|发布单位|发布机关|信息来源)\s*[：:]\s*\S*(?:政府|办公室|办公厅|厅|局|委员会|委|部|署|管委会|中心)\s*$")
_OFFICIAL_TITLE = re.compile(r"(?:若干措施|若干意见|实施意见|实施方案|行动计划|行动方案|管理办法|暂行办法|实施细则|的通知|的决定)$")
_NEWS_DATELINE = re.compile(r"^\s*(?:【[^】]{1,12}(?:讯|电)】|本报讯|新华社[^，。]{0,12}电|[^，。]{2,16}\d{1,2}月\d{1,2}日电|（记者[^）]{1,20}）)")
# The reporter-and-place dateline of Taiwan and Hong Kong news ("记者：林某／台北报导", "记者王某 香港报道",
# "（记者李某／高雄报导）"), as a byline line near the head: the same signal as 【首尔讯】 / "新华社……电". A byline with a
# reporter but no place ("本报记者 某某") is not enough: news analyses carry it too.
_REPORTER_DATELINE = re.compile(r"^\s*[（(]?\s*(?:本报|本刊|中央社)?记者\s*[：:|｜]?\s*[^，。；/／]{1,20}\s*[/／]?\s*[^，。；/／\s]{1,12}(?:报导|报道)\s*[）)]?\s*$"
                                r"|^\s*[■□●◆▲\s]*(?:本报|本刊|中央社|新华社|中新社)?(?:驻[^，。；\s]{1,8})?(?:特派|特约|首席)?记者\s*[：:]?\s*[^，。；]{2,20}?\s+发自\s*[^，。；\s]{2,10}\s*$")
# Session 10b: the same filed-from place in the byline the ingest read ("记者 周岚 发自拉巴特" in a web page's
# <span class="author">, "林佩萱/吉隆坡报导"): `Byline.other["发稿地"]`. A web page's byline is not one of its
# sentences, so the views alone cannot show it.
FILED_FROM_FIELD = "发稿地"
# A resident correspondent's byline ("本报驻海牙记者　宋某", "新华社驻东京记者 王某", "驻柏林特派记者"): the outlet's
# reporter stationed abroad files a report (news or a feature that relays named people's views), unlike the bare
# "本报记者 某某", which news analyses carry too.
_CORRESPONDENT_BYLINE = re.compile(r"^\s*(?:本报|本刊|新华社|中新社|中央社|[^，。\s]{2,8}(?:报|网|社))?驻[^，。；\s]{1,12}(?:首席|特派|特约)?记者\s*[：:]?\s*[^，。；\s]{0,12}(?:\s+[^，。；\s]{1,12}){0,2}\s*$")
_INTERVIEW_TITLE = re.compile(r"专访|访谈|对话[^，。]{0,12}[：:]")
_QUESTION_LINE = re.compile(r"^\s*(?:问|记者问?|提问|[QＱ])\s*(?:[（(][^）)]{1,20}[）)])?\s*问?\s*[：:]")  # 记者（财新）：, 记者问：
# A numbered question of a question-and-answer explainer ("问一：……？", "Q1：……？", "一问：……？"), often a heading.
_NUMBERED_QUESTION = re.compile(r"^\s*(?:问题?\s*[一二三四五六七八九十\d]{1,3}|[QＱ]\s*\d{1,2}|[一二三四五六七八九十]{1,3}问)\s*[：:、.．]\s*\S.*[？?]\s*$")
# A press conference / briefing transcript: the title names one, or a moderator opens the floor. Session 12: a listed
# company's earnings call or investor conference (业绩说明会, 法人说明会 / 法说会 in Taiwan, 业绩交流会, 电话会议) is the
# same format: management presents its results and plans, analysts ask; its voice is the management's (supportive of
# its own plan unless the whole text argues against it).
_BRIEFING_TITLE = re.compile(r"新闻发布会|发布会|吹风会|记者会|记者招待会|答记者问"
                             r"|(?:业绩|法人|投资者|投资人|股东)(?:说明|交流|沟通|见面)会|法说会|业绩会|(?:业绩|投资者)?电话会议?")
# Session 12: in such a transcript the questioners are named with their role ("王立德（凯基证券分析师）：请问……",
# "记者（财新）：" is _QUESTION_LINE's): a speaker line whose role is an analyst, reporter, investor or shareholder asks,
# and so do that speaker's later turns under the bare name ("陈怡君：追问一下，……吗？").
_ASKER_LINE = re.compile(r"^\s*(?P<name>[^，。；！？：:（(\s]{1,12})\s*[（(][^）)]{0,16}(?:分析师|研究员|记者|投资人|投资者|股东)[）)]\s*[：:]")
_MODERATOR_LINE = re.compile(r"^\s*主持人\s*\S{0,6}\s*[：:]")
# A transcript a media outlet edited and relays (整理：X, 编者按, 以下为……实录, 有删节, a title ending in 实录):
# its speakers present their policy, the outlet does not argue, so it reads like a news report.
_RELAYED_TRANSCRIPT = re.compile(r"整理\s*[：:]|^\s*编者按|实录|有删节")
# A listed company's statutory announcement (上市公司公告): title "……公司关于……的公告", or a securities-code line.
_DISCLOSURE_TITLE = re.compile(r"(?:公司|集团)[^。！？]{0,80}公告$")
_SECURITIES_LINE = re.compile(r"^\s*(?:证券代码|股票代码)\s*[：:]")
_ANSWER_LINE = re.compile(r"^\s*(?:答|[AＡ])\s*[：:]")
# Session 13: a government document's number ("鲁政办字〔2026〕58号", "深府办规〔2026〕9号") under its title, as a head line
# or as the byline's document_number the ingest read: the text is the body's own notice (official), and its title may be
# a body line ("……办公厅关于印发《……》的通知", without a title kind) rather than the title.
_DOCUMENT_NUMBER = re.compile(r"^\s*[\u4e00-\u9fff]{1,12}[〔［\[（(]\s*(?:19|20)\d{2}\s*[〕］\]）)]\s*\d{1,4}\s*号\s*$")
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";")
# Session 13: a securities firm's research note states its rating ("投资评级：买入（首次覆盖）", "行业评级：推荐（维持）",
# "首次覆盖给予“买入”评级", "维持行业“推荐”评级"); the rating is the note's verdict on its subject (broker_ratings.tsv:
# rating -> stance), whatever risks its 风险提示 section lists.
_RATING_LINE = re.compile(r"^\s*(?:投资|公司|行业|股票|个股)?评级\s*[：:]\s*(?P<rating>[^\s（(，,；;：:]{1,6})")
# The phrase counts only where the note's own voice opens the clause ("首次覆盖，给予……", "我们维持……"): a report that
# "高盛给予某公司“买入”评级" relays another firm's rating.
_RATING_PHRASE = re.compile(r"(?:^|[，,。；;：:])\s*(?:我们|本报告|本文)?\s*(?:首次覆盖\s*[，,]?\s*)?(?:给予|维持|上调至|下调至|调升至|调降至|上调|下调)"
                            r"[^。；，,]{0,12}?[“\"「『](?P<rating>[^”\"」』]{1,6})[”\"」』]\s*(?:投资)?评级")
RATING_LINES = 12               # a rating line counts among the first lines of the note (its cover block)
# Session 13: the lede of a news report: an actor, a bare day of the month and a reporting verb ("斯里兰卡数字经济部22日宣布，",
# "韩国政府19日公布"); a report filed that week names the day without the month, a commentary pegged on the news writes the
# full date ("11月18日") or 日前/近日. With a reported share of at least NEWS_LEDE_REPORTED (the text relays named sources)
# an argued-looking text with such a lede is a news report (its byline, "本报驻科伦坡记者", is not always a sentence).
_NEWS_LEDE = re.compile(r"^[^，。；：:“”]{2,40}?(?<![月\d])\d{1,2}日(?:上午|下午|晚间?|早间|凌晨)?(?:在[^，。]{1,15})?"
                        r"(?:宣布|表示|发布|公布|称|召开|举行|签署|批准|通过|披露|印发|透露|证实|启动)")
NEWS_LEDE_REPORTED = 0.25
# Session 11: a line that opens with a speaker's name ("门多萨：……", "答：……") starts a new turn.
_SPEAKER_LINE = re.compile(r"^\s*[^，。；！？：:\s]{1,12}\s*[：:]")
EXPLAINER_QUESTIONS = 3       # numbered question headings that make a question-and-answer explainer
# Session 10b: a heading that names the conclusion and states it ("四、结论：值得押注，但别指望速成", "结语：……",
# "写在最后｜……") is the author's verdict, though headings are not body sentences: its balanced or dismissive
# verdict (stance_patterns.tsv) counts like one in an author sentence.
_CONCLUSION_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十\d]{1,3}\s*[、.．]\s*|第[一二三四五六七八九十\d]{1,3}(?:部分|节)\s*)?"
    r"(?:结论|结语|总结|小结|结束语|写在最后|尾声|总评|我们的(?:判断|看法)|笔者(?:的)?(?:观点|看法|判断))\s*[：:｜|—－]+\s*(?P<verdict>\S.*)$")
TAIL_SHARE = 0.25              # the last quarter of the author's sentences = the conclusion
TAIL_MIN = 3
_SUBTITLE = re.compile(r"[：:｜|—]|\s{1,}")
_LEAD_CLAUSE = re.compile(r"[，,。；;！!？?]")


@dataclass
class SentenceEvidence:
    sentence_id: int
    pos: float
    neg: float


def subject_of(title: str | None, first_sentence: str | None) -> str | None:
    """Main subject: the title before any subtitle separator, else the lead sentence's first clause."""
    for text in (title, first_sentence):
        if text and text.strip():
            head = _SUBTITLE.split(text.strip())[0]
            head = _LEAD_CLAUSE.split(head)[0].strip("“”\"' 【】")
            if len(head) >= 2:
                return head[:40]
    return None


def evidence_of(pred: SentencePrediction, cue_risks: bool = False) -> tuple[float, float]:
    """(positive, negative) evidence of a sentence. `cue_risks`: count the lexicon rule's risks (explicit
    danger cues) instead of the trained model's (the document stance: the model also finds the
    described risks a supportive investment report or interview weighs and answers; README round 4)."""
    weight = 1.0 if pred.attribution == "author" else 0.5
    pos = pred.pos + (pred.opportunity_confidence if pred.opportunity else 0.0)
    if cue_risks:
        neg = pred.neg + (RISK_WEIGHT * pred.cue_risk_confidence if pred.cue_risk else 0.0)
    else:
        neg = pred.neg + (RISK_WEIGHT * pred.risk_confidence if pred.risk else 0.0)
    return weight * pos, weight * neg


def _filed_from(byline) -> str | None:
    """The place a reporter files from, as the ingest read it from the byline (a Byline or its dict)."""
    if byline is None:
        return None
    other = byline.get("other") if isinstance(byline, dict) else getattr(byline, "other", None)
    return (other or {}).get(FILED_FROM_FIELD) or None


def research_rating(views: list[SentenceView] | None, lex=None) -> str | None:
    """The document stance a research note's rating gives (broker_ratings.tsv), from a rating line among the first
    RATING_LINES lines or a "给予……“买入”评级" phrase anywhere; None when the text states no known rating."""
    views = views or []
    lex = lex if lex is not None else _default_lexicons()
    found = [m.group("rating") for v in views[:RATING_LINES] if (m := _RATING_LINE.match(v.text))]
    found += [m.group("rating") for v in views for m in _RATING_PHRASE.finditer(v.text)]
    for rating in found:
        label = lex.ratings.entries.get(rating.strip())
        if label:
            return label[0]
    return None


def _document_number(byline) -> bool:
    if byline is None:
        return False
    number = byline.get("document_number") if isinstance(byline, dict) else getattr(byline, "document_number", None)
    return bool(number)


def genre_of(views: list[SentenceView] | None, byline=None, lex=None) -> str:
    """"disclosure" (a listed company's statutory announcement), "official" (a government body's
    release or notice), "briefing" (a press-conference transcript: reporters' questions, the
    speakers' answers), "research" (a securities firm's note with a rating, broker_ratings.tsv), "interview"
    (question-and-answer format), "explainer" (numbered questions, no answer lines), "news" (dated news report or a
    resident correspondent's report) or "analysis". `byline`: the article's byline as the ingest read it (a reporter's
    filed-from place -> news; a document number -> official); `lex`: the lexicons (the shipped ones when not given)."""
    if not views:
        return "news" if _filed_from(byline) else "analysis"
    head = views[:4]
    title = next((v.text for v in views if v.kind == "title"), "")
    if _DISCLOSURE_TITLE.search(title.strip()) or any(_SECURITIES_LINE.match(v.text) for v in head):
        return "disclosure"
    if (any(_OFFICIAL_SOURCE.match(v.text) or _DOCUMENT_NUMBER.match(v.text) for v in head) or _document_number(byline)
            or _OFFICIAL_TITLE.search(title.strip())
            or any(_OFFICIAL_TITLE.search(v.text.strip()) for v in head if not v.text.strip().endswith(_SENTENCE_END))):
        return "official"
    if research_rating(views, lex):
        return "research"
    questions = len(question_lines(views))
    answers = sum(bool(_ANSWER_LINE.match(v.text)) for v in views)
    if questions >= 2 and (_BRIEFING_TITLE.search(title) or any(_MODERATOR_LINE.match(v.text) for v in views)):
        relayed = _RELAYED_TRANSCRIPT.search(title) or any(_RELAYED_TRANSCRIPT.search(v.text) for v in views[:6]
                                                             if v.kind != "title")
        return "news" if relayed else "briefing"
    if questions >= 2 and answers >= 2 or (_INTERVIEW_TITLE.search(title) and questions >= 2):
        return "interview"
    # A question-and-answer explainer without answer lines ("问题一：……？" headings, the author's account under each):
    # it sorts out a policy's points and relays how others see it, it does not argue (README, session 9b).
    numbered = sum(bool(_NUMBERED_QUESTION.match(v.text)) for v in views)
    if numbered >= EXPLAINER_QUESTIONS and answers < 2:
        return "explainer"
    first = next((v.text for v in views if v.kind == "body" and not _is_meta(v)), "")
    if _NEWS_DATELINE.match(first) or _filed_from(byline) or any(_REPORTER_DATELINE.match(v.text) or _CORRESPONDENT_BYLINE.match(v.text)
                                          for v in views[:6] if v.kind != "title"):
        return "news"
    return "analysis"


@lru_cache(maxsize=1)
def _default_lexicons():
    from pipeline.argument.lexicon import Lexicons

    return Lexicons.load()


def conclusion_verdicts(views: list[SentenceView] | None, lex=None) -> list[str]:
    """Verdict kinds ("balanced", "dismissive") stated in the conclusion headings of `views` (`lex`: the
    analyzer's lexicons; the shipped ones when not given)."""
    out: list[str] = []
    for view in views or ():
        m = _CONCLUSION_HEADING.match(view.text) if view.kind == "heading" else None
        if m:
            from pipeline.argument.features import stance_polarity

            lex = lex if lex is not None else _default_lexicons()
            out += [k for k in stance_polarity(lex.mask(m.group("verdict")), lex)[2] if k in ("balanced", "dismissive")]
    return out


def question_lines(views: list[SentenceView] | None) -> set[int]:
    """Indexes of the lines that open a question turn: "记者：", "问：", "问题一：……？", and a questioner named with an
    analyst's, reporter's or investor's role ("王立德（凯基证券分析师）：") together with that speaker's later turns under
    the bare name ("王立德：")."""
    out: set[int] = set()
    askers: set[str] = set()
    for i, view in enumerate(views or ()):
        m = _ASKER_LINE.match(view.text)
        if m:
            askers.add(m.group("name"))
        named = _SPEAKER_LINE.match(view.text)
        if (_QUESTION_LINE.match(view.text) or _NUMBERED_QUESTION.match(view.text) or m
                or (named and named.group().rstrip("：: 　").strip() in askers)):
            out.add(i)
    return out


def interviewer_turns(views: list[SentenceView] | None) -> set[int]:
    """Indexes of the interviewer's sentences in an interview or briefing transcript: each question line
    ("记者：……", "问：……", "问题一：……？") and the question sentences that follow it in the same turn, before the next
    speaker's line ("记者：美方……曾提出加征关税。" + "这会不会影响港口的前景？"). Session 11: the follow-up
    question was read as the interviewee's voice (a rhetorical question, and stance evidence)."""
    out: set[int] = set()
    turn = False
    asks = question_lines(views)
    for i, view in enumerate(views or ()):
        if i in asks:
            out.add(i)
            turn = True
        elif turn and not _SPEAKER_LINE.match(view.text) and view.text.rstrip(" 　”」』）)").endswith(("？", "?")):
            out.add(i)
        else:
            turn = False
    return out


def news_lede(views: list[SentenceView] | None) -> bool:
    """The first body sentence (not a meta line) is a news lede (_NEWS_LEDE: actor, bare day of the month, reporting verb)."""
    first = next((v.text for v in views or () if v.kind == "body" and not _is_meta(v)), "")
    return bool(_NEWS_LEDE.match(first.strip()))


def _is_meta(view: SentenceView) -> bool:
    from pipeline.argument.features import is_non_claim

    return is_non_claim(view)


def _sarcastic(pred: SentencePrediction) -> bool:
    return any(k in ("irony", "rhetorical") for k in pred.kinds) and "affirmative" not in pred.kinds


def _balance(preds: list[SentencePrediction], weights: list[float] | None = None) -> tuple[float, float, float]:
    weights = weights or [1.0] * len(preds)
    pos = sum(w * evidence_of(p, DOCUMENT_CUE_RISKS)[0] for p, w in zip(preds, weights))
    neg = sum(w * evidence_of(p, DOCUMENT_CUE_RISKS)[1] for p, w in zip(preds, weights))
    return pos, neg, (pos - neg) / (pos + neg + 1.0)


# Session 12: a concession passage. A sentence that opens by conceding ("当然，话也不能说死。", "平心而论，……", "诚然，……")
# starts a run of sentences that grant the other side its points, until the author turns back ("但……", "然而……") or the
# section ends (at most CONCESSION_SPAN sentences). Its evidence weighs CONCESSIVE_WEIGHT, like a conceded clause inside
# one sentence (features.stance_polarity): a critical piece's fair-minded paragraph about the subject's real chances
# (or a supportive piece's paragraph about the risks) is not the author's argument.
_CONCESSION_OPENER = re.compile(r"^\s*(?:当然|诚然|平心而论|客观地说|客观而言|公平地说|说句公道话)[，,]")
_TURN_BACK = re.compile(r"^\s*(?:但是?|然而|不过|可是|只是)")
CONCESSION_SPAN = 5


def concession_passages(views: list[SentenceView] | None) -> set[int]:
    """Indexes of `views` (body sentences in order) inside a concession passage (above)."""
    out: set[int] = set()
    views = views or []
    for i, view in enumerate(views):
        if not _CONCESSION_OPENER.match(view.text):
            continue
        for j in range(i, min(len(views), i + CONCESSION_SPAN)):
            if j > i and (views[j].section_title != view.section_title or _TURN_BACK.match(views[j].text)):
                break
            out.add(j)
    return out


def stance_features(preds: list[SentencePrediction], views: list[SentenceView] | None = None,
                    all_views: list[SentenceView] | None = None, byline=None, lex=None) -> dict:
    """Aggregated author-voice evidence of a document's body sentences (`views` aligned with `preds`;
    `all_views` = every sentence incl. title and byline, for the genre). In an interview the
    interviewee's answers are the voice that counts and the interviewer's questions are left out.
    score = the whole body's balance; `tail` (the same over the conclusion, the last quarter of the
    author's sentences) is reported for diagnosis only: blending it in did not help on held-out articles."""
    genre = genre_of(all_views if all_views is not None else views, byline, lex)
    claims = [p for p in preds if p.claim_type is not None]
    reported = round(sum(p.attribution != "author" for p in claims) / max(len(claims), 1), 2)
    if genre == "analysis" and views is not None and reported >= NEWS_LEDE_REPORTED and news_lede(views):
        genre = "news"
    rating = research_rating(all_views if all_views is not None else views, lex) if genre == "research" else None
    if genre in ("interview", "briefing") and views is not None:
        asked = interviewer_turns(views)
        kept = [(replace(p, attribution="author"), v) for k, (p, v) in enumerate(zip(preds, views)) if k not in asked]
        preds, views = [p for p, _ in kept], [v for _, v in kept]
    pairs = [(p, v) for p, v in zip(preds, views if views is not None else [None] * len(preds)) if p.attribution == "author"]
    author = [p for p, _ in pairs]
    conceded = concession_passages([v for _, v in pairs]) if views is not None else set()
    pos, neg, body = _balance(author, [CONCESSIVE_WEIGHT if k in conceded else 1.0 for k in range(len(author))])
    sarcasm = sum(_sarcastic(p) for p in author)
    if views is not None:  # a bare question counts too, unless it is an affirmative one ("难道不是……吗？")
        sarcasm += sum(1 for p, v in pairs if not p.kinds and v.text.rstrip(" 　”」』）)").endswith(("？", "?")))
    tail_n = max(TAIL_MIN, int(len(author) * TAIL_SHARE))
    tail = _balance(author[-tail_n:])[2] if author else 0.0
    verdicts = conclusion_verdicts(all_views, lex) if genre not in ("interview", "briefing") else []
    balanced = sum("balanced" in p.kinds for p in author) + verdicts.count("balanced")
    dismissive = sum("dismissive" in p.kinds for p in author) + verdicts.count("dismissive")
    return {"P": round(pos, 2), "N": round(neg, 2), "score": round(body, 3), "balanced": balanced, "dismissive": dismissive,
            "body": round(body, 3), "tail": round(tail, 3),
            "sarcasm": round(sarcasm / max(len(author), 1), 3), "reported": reported, "genre": genre,
            **({"rating": rating} if rating else {})}


def decide(f: dict, sarcasm_at: float = SARCASM_SKEPTICAL, supportive_at: float = SUPPORTIVE_AT,
           skeptical_at: float = SKEPTICAL_AT) -> str:
    if f["genre"] in ("official", "briefing"):  # issuing or presenting a policy = supportive, unless the whole text argues against it
        return "skeptical" if f.get("body", f["score"]) <= skeptical_at else "supportive"
    if f["genre"] in ("news", "disclosure", "explainer"):  # relays, discloses or explains, does not argue
        return "neutral"
    if f["genre"] == "research" and f.get("rating"):  # a research note's rating is its verdict (broker_ratings.tsv)
        return f["rating"]
    if f.get("balanced", 0) >= BALANCED_MIXED:  # the author's own verdict weighs both sides ("谨慎乐观", "并非一无是处")
        return "mixed"
    if f["sarcasm"] >= sarcasm_at and f["score"] < 0:
        return "skeptical"
    if f.get("dismissive", 0) >= DISMISSIVE_SUPPORTIVE and f["score"] > skeptical_at:  # "问题还有，但方向没错"
        return "supportive"
    if f["score"] >= supportive_at:
        return "supportive"
    if f["score"] <= skeptical_at:
        return "skeptical"
    if f["P"] + f["N"] < 2.0:
        return "neutral"  # hardly any evaluative evidence at all
    return "mixed"


def document_stance(preds: list[SentencePrediction], ids: list[int], views: list[SentenceView] | None = None,
                    all_views: list[SentenceView] | None = None,
                    thresholds: dict | None = None, byline=None, lex=None) -> tuple[str, float, list[int], dict]:
    """(label, score, evidence sentence ids, features) for a document's body sentences (`byline`: the
    ingest's Byline of the article, or its dict, for the genre; `lex`: the lexicons that read a conclusion
    heading's verdict, loaded from the default models directory when not given)."""
    info = stance_features(preds, views, all_views, byline, lex)
    label = decide(info, **(thresholds or {}))
    score = info["score"]
    # the interviewer's questions are not the voice that counts, so they are no evidence either (session 11)
    asked = interviewer_turns(views) if info["genre"] in ("interview", "briefing") else set()
    items = [(i, *evidence_of(p, DOCUMENT_CUE_RISKS)) for k, (i, p) in enumerate(zip(ids, preds)) if k not in asked]
    if label == "supportive":
        ranked = sorted(items, key=lambda t: t[1] - t[2], reverse=True)
    elif label == "skeptical":
        ranked = sorted(items, key=lambda t: t[2] - t[1], reverse=True)
    else:
        ranked = sorted(items, key=lambda t: max(t[1], t[2]), reverse=True)
    evidence = sorted(i for i, p, n in ranked[:6] if p + n > 0)
    return label, round(score, 3), evidence, info


# Session 13: the supportive and skeptical thresholds are one band around zero (supportive_at = -skeptical_at): the score
# (P - N) / (P + N + 1) is symmetric in its two sides, and "mixed" means both sides weigh about the same. Fitted apart, the
# supportive threshold rested on a handful of argued supportive texts (official notices, briefings and rated research
# notes are decided by their genre): leaving out the one supportive interview at 0.40 moved it to 0.5 (the margin's
# midpoint to the next one at 0.68) and that interview fell to mixed; the skeptical side, with many texts near its
# threshold, now fixes both.
SYMMETRIC_BAND = True
TIE_BREAK = "margin"  # "margin": among equally good thresholds, the one farthest from the training scores; "middle": the grid's middle


def _margin(features: list[dict], a: float, b: float, c: float) -> tuple[float, ...]:
    """Distance between each threshold and the nearest value it is compared with (`_gap`), over the argued texts the
    threshold rules decide (not the genre rules or a balanced or dismissive verdict): the three gaps, smallest first
    (session 12: compared as a whole, so that a tie in the smallest gap is broken by the others, not by grid order)."""
    argued = [f for f in features if f["genre"] not in ("official", "briefing", "news", "disclosure", "explainer")
              and not (f["genre"] == "research" and f.get("rating"))
              and f.get("balanced", 0) < BALANCED_MIXED and f.get("dismissive", 0) < DISMISSIVE_SUPPORTIVE]
    sarcasm = [f["sarcasm"] for f in argued if f["score"] < 0]
    scores = [f["score"] for f in argued]
    return tuple(sorted(round(g, 4) for g in (_gap(sarcasm, a), _gap(scores, b), _gap(scores, c))))


def _gap(values: list[float], t: float) -> float:
    """Distance from threshold `t` to the nearest value on either side of it; 0 when no value lies on one side
    (session 12: a threshold beyond all the training values had the widest "margin" by lying outside the data — the
    sarcasm threshold went to the grid's end, 0.30, and the one held-out article at 0.286 fell below it)."""
    below = [t - v for v in values if v < t]
    above = [v - t for v in values if v >= t]
    return min(min(below), min(above)) if below and above else 0.0


def fit_thresholds(features: list[dict], gold: list[str]) -> dict:
    """Grid search of the three thresholds (most documents right; ties -> TIE_BREAK)."""
    import itertools

    best, best_key = None, None
    if SYMMETRIC_BAND:
        bands = sorted({*GRID["supportive"], *(-v for v in GRID["skeptical"])})
        candidates = [(a, band, -band) for a in GRID["sarcasm"] for band in bands]
    else:
        candidates = list(itertools.product(GRID["sarcasm"], GRID["supportive"], GRID["skeptical"]))
    for a, b, c in candidates:
        t = {"sarcasm_at": a, "supportive_at": b, "skeptical_at": c}
        correct = sum(decide(f, **t) == g for f, g in zip(features, gold))
        if TIE_BREAK == "margin":
            key = (correct, _margin(features, a, b, c))  # the smallest of the three gaps first, then the next
        else:
            key = (correct, -sum(abs(GRID[g].index(v) - len(GRID[g]) // 2)
                                 for g, v in (("sarcasm", a), ("supportive", b), ("skeptical", c))))
        if best_key is None or key > best_key:
            best, best_key = t, key
    return best


def text_score(preds: list[SentencePrediction]) -> float:
    P = sum(evidence_of(p)[0] for p in preds)
    N = sum(evidence_of(p)[1] for p in preds)
    return (P - N) / (P + N + 1.0)


def label_of(score: float) -> str:
    if score > TEXT_NEUTRAL_BAND:
        return "supportive"
    if score < -TEXT_NEUTRAL_BAND:
        return "skeptical"
    return "neutral"


def target_sentences(views: list[SentenceView], target: str, tokens: list[str]) -> list[int]:
    """Indexes of sentences about the target: the target itself, or more than half its content words."""
    keys = [t for t in tokens if len(t) >= 2] or [target]
    out = []
    for i, view in enumerate(views):
        if target in view.text or sum(k in view.text for k in keys) * 2 > len(keys):
            out.append(i)
    return out
