"""Mention finding: a statistical tagger (LAC or jieba POS) + rules + gazetteers (termbase, places).

Every source proposes candidate spans with a label and a priority; overlapping candidates are
resolved greedily (priority, then length). The rules work on "units": the tagger's words, with
gazetteer hits and Latin names merged into single units; a tagger's ORG / LOC word that a
gazetteer hit split (北京 | 银行) is still proposed whole. After resolving, a few general filters
apply (a kind of company, a country + generic head, a form of address, a name inside 《》), place
chains become one address and dotted transliterated names one person.

Issue 4, third round: the CLUENER2020 dev set's first half (sentences 0-671) was used for error
analysis while these rules were written; nothing from it is in the rules or the data files.
Fourth round (session 3): error analysis on the 22 team articles only (foreign place chains, a
country + a Chinese ministry's short name, bare ministries after a country-prefixed one, campus
names, reporter outlets, numbered units, lists of districts); the rules' small word lists now live
in models/entities/rule_words.tsv.
Fifth round (session 5): CLUENER first-half errors broken down by cause; general rules for the largest
causes: sports reports (a team named after its city or written like a person's name, `_sports_teams`;
"A vs B" split), a company's branch in a place and a company's China arm (`_branches`), a news site's
dateline (`_datelines`), a speaker's name at the start of a transcript line (`_speakers`), hyphenated
transliterated names, a province + its city as one address, a Latin name with its version (EPR2) as a
product; armed forces, media, banks, leagues in the termbase; military, police, office and club heads.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import chain, compress
from operator import attrgetter, itemgetter
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

from pipeline.entities.lexicon import Lexicons, Term
from pipeline.entities.resources import company_organs, word_lists
from pipeline.entities.tagging import ORG_LAST_CHARS, RARE_COMPANY_STEM, dictionary_tag, is_common_word, is_frequent_word

HAN = re.compile(r"[\u4e00-\u9fff]")
POLICY_TITLE_ENDINGS = word_lists()["policy_title_endings"]
HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
# Latin letters with the accented ones of European languages (Plan México, Nuevo León, São Paulo)
_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_U = "A-Z\u00c0-\u00d6\u00d8-\u00de"
LATIN_NAME = re.compile(
    rf"(?<![{_L}0-9_\-.@/])"
    rf"[{_L}0-9][{_L}0-9&]*(?:[-.'][{_L}0-9&]+|(?<=[A-Z]{{2}}):[0-9]{{3,}}[{_L}]*)*"
    rf"(?:[ ](?:[{_U}][{_L}0-9&]*(?:[-.][{_L}0-9]+)*|of|and|for|the|de|del|&))*"
    rf"(?:[ ][{_U}][{_L}0-9&]*(?:[-.][{_L}0-9]+)*)?"
    rf"(?![{_L}0-9_\-@])")
STRUCTURE_TAGS = {"w", "p", "u", "c", "xc", "m", "q", "TIME", "d", "r", "v", "vd", "ad", "a", "f", "t"}
NOUN_TAGS = {"n", "nz", "nw", "ORG", "LOC", "PER", "vn", "an", "s", "j"}
PROPER_TAGS = {"nz", "nw", "ORG", "PER"}
# the small word lists live in models/entities/rule_words.tsv (meaning and source there)
_W = word_lists()
LATIN_LAST_WORD = {label: set(_W["latin_last_" + label.lower()]) for label in ("LAW", "PROGRAM", "FACILITY", "EVENT", "ORG")}
GOV_HEADS = set(_W["gov_heads"])
MINISTRY_HEADS = set(_W["ministry_heads"])
NAME_STOP_FIRST = set(_W["name_stop_first"])
GPE_ENDINGS = _W["gpe_endings"]
GEO_FEATURE_ENDINGS = _W["geo_feature_endings"]
NUMBER_CLASSIFIER = re.compile(r"[一两二三四五六七八九十几这那该各每某][家个所座]")
PLACE_FACILITY_HEADS = set(_W["place_facility_heads"])
PROGRAM_CONTEXT = _W["program_context"]
ADDRESS_UNITS = _W["address_units"]
LATIN_PRODUCT_CONTEXT = _W["latin_product_context"]
LATIN_TECH_CONTEXT = _W["latin_tech_context"]
LATIN_AFTER_TITLE = re.compile(r"》\s*[(（]\s*$")        # 《书名》(Latin title)
HONORIFICS = _W["honorifics"]
ORG_SUFFIX_CHARS = ORG_LAST_CHARS
GENERIC_COMPANY_HEADS = _W["generic_company_heads"]
# a name of three letters or more written with its version number (EPR2, Windows11), or with a dotted version
# (CS1.6): a product; short letter + number names (G42, 3M, AK47) are left to the other rules
LATIN_MODEL_NUMBER = re.compile(r"[A-Z]{3,6}[-:][0-9]{3,5}[A-Za-z]{0,2}")
LATIN_VERSIONED = re.compile(r"[A-Za-z][A-Za-z\-]{2,}[0-9]+(?:\.[0-9]+)*|[A-Za-z]{1,2}[0-9]+\.[0-9]+")
# what may follow 汇丰中国 (a company's China arm): the end of the phrase, or a verb, time word or 的
SUBSIDIARY_NEXT = re.compile(r"(?:[^\u4e00-\u9fff]|$|[的将已在于曾也则称表宣发推昨今近日])")
VERSION = re.compile(r"[0-9]+(?:\.[0-9]+)+(?![0-9%])")   # 2.0, 4.0: a programme's version
# capital letters then a number of two digits or more: a model designation (AP1000, A100, H20), which before
# 技术 / 标准 is the design itself, not a technology's acronym (EDA工具, 5G技术)
MODEL_DESIGNATION = re.compile(r"[A-Z]{1,4}[0-9]{2,5}")
ADDRESS_WORDS = set(_W["address_words"])
PLACE_ENDINGS = GPE_ENDINGS + GEO_FEATURE_ENDINGS + ADDRESS_UNITS + _W["place_ending_extras"]
COUNTRY_GENERIC_HEADS = _W["country_generic_heads"]
NAME_DOTS = "·•‧・"
PERSON_AFTER_WORDS = ("政府", "内阁", "当局", "政权", "团队", "家族", "执政")
# the rest of a dotted name (·基普罗诺) and its Latin form in brackets (John Kiprono)
DOTTED_TAIL = re.compile(r"((?:[·•‧・][\u4e00-\u9fff]{1,6})+)\s*[（(]\s*((?:[A-Z][a-z'\u00c0-\u024f\-]+\s*)+)[）)]")
DEPARTMENT_HEADS = _W["department_heads"]
COMPANY_ENDINGS = _W["company_endings"]
ZONE_ENDINGS = _W["zone_endings"]
ADMIN_UNITS = _W["admin_units"]
# session 7 span conventions (MentionFinder._span_conventions; the words in models/entities/rule_words.tsv)
LOCAL_UNITS = frozenset("省市区县州")
LOCAL_OFFICE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:" + "|".join(sorted(_W["local_office_heads"], key=len, reverse=True)) + ")")
# a country's (or Europe's, Africa's) own body written after it with words no list knows (session 7): 埃及 + 主权基金,
# 欧洲 + 复兴开发银行, 日本 + 国际协力机构, 丹麦 + 工业、商业和金融事务部 (a ministry's fields listed with 、)
NATIONAL_BODY = re.compile(r"(?:[\u4e00-\u9fff]{1,6}、){0,3}[\u4e00-\u9fff]{1,10}?(?:"
                           + "|".join(sorted(_W["national_body_heads"], key=len, reverse=True)) + ")")
# after a region (欧洲, 非洲) a bank is the region's too (欧洲复兴开发银行, 非洲进出口银行); after a country it is mostly a
# company written with its country (新加坡 | 星展银行), two mentions by the team's convention
REGION_BODY = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:"
                         + "|".join(sorted(tuple(_W["national_body_heads"]) + ("银行",), key=len, reverse=True)) + ")")
NATIONAL_BODY_STOP = re.compile("[" + "".join(c for c in _W["office_stop_chars"] if c not in "与") + "]")
REGION_BODY_PREFIXES = frozenset(_W["region_body_prefixes"])
NATIONAL_BODY_HEADS = tuple(sorted(_W["national_body_heads"], key=len, reverse=True))
NATIONAL_BODY_NON_HEADS = frozenset(_W["national_body_non_heads"])
NATIONAL_BODY_KINDS = frozenset(_W["national_body_kinds"])
# a markdown table (header, |---| line, rows) and the column headers that say what a column's cells are (session 7)
TABLE_BLOCK = re.compile(r"(?m)^\|[^\n]*\|[ \t]*\n\|[-:| \t]+\|[ \t]*(?:\n\|[^\n]*\|[ \t]*)+")
TABLE_COLUMN_LABELS = {w: "ORG" for w in _W["table_org_columns"]} | {w: "GPE" for w in _W["table_place_columns"]}
TABLE_TOTAL_WORDS = frozenset(("合计", "总计", "小计", "合共", "总额"))
OFFICE_STOP = re.compile("[" + "".join(_W["office_stop_chars"]) + "]")
STREET_UNITS = _W["street_units"]
HOUSE_NUMBER = re.compile(r"[0-9一二三四五六七八九十百]+号(?:院|楼)?")
QUOTES = {"“": "”", "「": "」", "\"": "\"", "‘": "’", "『": "』"}

PRIO_BYLINE, PRIO_BRACKET, PRIO_CHAIN, PRIO_QUOTED = 9, 8, 7, 7
# the legal forms that end a company's name (…有限公司, …集团) before its board (董事会)
COMPANY_NAME_ENDS = ("公司", "集团")
# （无锡）集成电路有限公司: a place in brackets, a business, a legal form: the tail of a registered company's name
REGISTERED_COMPANY = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[）)][\u4e00-\u9fff]{0,12}?(?:股份有限公司|有限责任公司|有限公司)")
# heads that make a place + a field word one institution (韩国产业银行, 韩国电力公社, 瑞典国家债务办公室), and the
# words that make a country + words + 公司 a state company's name (墨西哥国家石油公司): session 6
PLACE_BODY_HEADS = frozenset(_W["place_body_heads"])
NATIONAL_WORDS = frozenset(_W["national_words"])
# industry words that make a name the tagger took for a person's a company's (伊鲁卡资源, 蓝箭航天): session 6
INDUSTRY_WORDS = tuple(sorted(_W["company_industry_words"], key=len, reverse=True))
INDUSTRY_WORD_CUT = re.compile("|".join(w for w in _W["company_industry_words"] if len(w) == 2 and w != "集团"))
ANALYST_FIELDS = tuple(sorted(_W.get("analyst_fields", ()), key=len, reverse=True))
ANALYST_TITLES = tuple(sorted(_W.get("analyst_titles", ()), key=len, reverse=True))
# one Latin word (or acronym) in brackets restating the name before it: 特斯拉（Tesla）
ONE_WORD_ALIAS = re.compile(r"[（(]\s*[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9&\-']*\s*[）)]")
# an acronym (LPR, DLE, eVTOL): two to six letters, at least two of them capitals
TERM_ACRONYM = re.compile(r"(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{2,6}")
# a Latin name restating the Chinese name right before it, in brackets: 诺和诺德（Novo Nordisk）, 环球电信（Globe
# Telecom）, 丹麦出口与投资基金（EIFO）; group 1 the Latin name (capitalised words with their small joining words)
LATIN_RESTATEMENT = re.compile(r"[（(]\s*([A-Z][A-Za-z\u00c0-\u024f0-9&'.\-]*(?:\s+(?:[A-Z0-9][A-Za-z\u00c0-\u024f0-9&'.\-]*"
                               r"|of|and|for|de|des|du|ng|the|la|del|für|og|af))*)\s*[）)]")
ACRONYM_ONLY = re.compile(r"[A-Z][A-Z0-9&\-]{1,7}")
# words that end the stretch before such a bracket: function words and verbs (在 | 卡伦堡, 位于 | 希勒勒, 的 |
# 富士胶片戴奥辛斯…) and, when more follows, the kind of body it is (疫苗企业 | 巴伐利亚北欧, 矿业公司 | 陶肯萨姆鲁克)
RESTATEMENT_STOPS = frozenset(_W["restatement_stop_words"])
RESTATEMENT_KINDS = tuple(_W["restatement_kind_words"])
RESTATEMENT_STOP_TAGS = frozenset("vpcudr")
# the years after a 《》 title's name: in brackets (（2026—2028年）, group 1) or written on (2023—2030)
TITLE_YEARS = re.compile(r"(?:([（(])\s*[0-9]{4}\s*[—\-–~～至]+\s*[0-9]{4}\s*年?\s*[）)]|[0-9]{4}\s*[—\-–~～至]+\s*[0-9]{4}年?)$")
# the last words of a 《》 title that make it a law, a plan or a newspaper (session 6)
TITLE_ENDINGS = (("LAW", tuple(_W["title_law_endings"])), ("PROGRAM", tuple(_W["title_programme_endings"])),
                 ("ORG", tuple(_W["title_paper_endings"])))
# a quoted name ending with a model number: “朱雀三号”, “猎鹰9号”, “智神星一号” (session 6)
NUMBERED_MODEL = re.compile(r"[\u4e00-\u9fff]{2,}(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})号$")
# a company's short name in capitals (SK, LG, MTN)
SHORT_CAPS = re.compile(r"[A-Z]{2,4}")
SELF_REFERENCES = frozenset(_W["self_references"])
# the labels of names found once by a rule that are marked again wherever the document repeats them
PROVINCE_SHORT_CHARS = frozenset(_W["province_short_chars"])
PROVINCE_VISIT_VERBS = frozenset(_W["province_visit_verbs"])
COMPANY_BUSINESS_WORDS = tuple(sorted(_W["company_business_words"], key=len, reverse=True))
PARK_CITY = re.compile(r"[^\W\d_a-zA-Z的之和与及在等为对将从向、]{0,6}?(?:生物城|医学城|科学城|科技城|药谷)")
INSTITUTION_PARENTS = ("大学", "研究院", "科学院", "工程院", "学院", "管理局", "总局")
INSTITUTION_UNIT_HEADS = ("研究中心", "研究所", "审评中心", "评价中心", "检验中心", "实验室")
INSTITUTION_UNIT = re.compile(r"[^\W\d_a-zA-Z的之和与及在等为对将从向]{2,6}?(?:研究中心|研究所|审评中心|评价中心|检验中心|实验室)"
                              r"(?=[在于将已的、，。；：\s（(]|$)")
BARE_LEGISLATURE = re.compile(r"(?:国会|议会)(?!议员|大厦|山庄|选举|席位|多数|大选)")
AMOUNT_BEFORE = re.compile(r"(?:[0-9０-９]|[0-9][.,][0-9]|[万亿千百十])$")
STOCK_TICKER = re.compile(r"[A-Z0-9]{2,6}\.[A-Z]{1,3}")
CURRENCY_AFTER = re.compile(r"(?:对|兑)(?:美元|欧元|人民币|日元|英镑)|汇率|(?:大幅|持续|继续|进一步)?(?:贬值|升值)")
REPEATED_LABELS = frozenset(("PROGRAM", "LAW", "EVENT", "FACILITY", "ORG", "PRODUCT"))
# a quoted name (“…”, 「…」) of a programme or an event (session 6): `_quoted_names`
QUOTED_NAME = re.compile(r"[“「]([^“”「」\n，。、；：,;:!?！？]{2,16})[”」]")
PROGRAM_HEADS_QUOTED = tuple(_W["quoted_programme_heads"])
QUOTED_PROGRAM_NEXT = tuple(_W["quoted_programme_next"])
QUOTED_EVENT_NEXT = tuple(_W["quoted_event_next"])
QUOTED_PLACE_NEXT = tuple(_W["quoted_place_next"])
QUOTED_FACILITY_NEXT = tuple(sorted(_W["quoted_facility_next"], key=len, reverse=True))
# what follows a company's short name when it is the company: 浪潮的服务器, 小米公司, 联想旗下
COMPANY_CONTEXT = re.compile(r"(?:公司|集团|旗下|股份|科技|控股|董事长|总裁|创始人|CEO|发布|推出|宣布|表示|的(?:服务器|手机|芯片|产品|股价|市值))")
# a foreign country + a Chinese ministry's short name (加拿大自然资源部): above the termbase's own hit
PRIO_FOREIGN_BODY = 6.8
ORG_LAST_CHARS = tuple("司团局部会院所厂行署委心金盟社组室处馆队")
PLACE_RESTATEMENT = re.compile(r"[（(]\s*([A-Z][A-Za-z\-']+(?: [A-Z][A-Za-z\-']+){0,3})\s*[）)]")
DOCUMENT_CODE = re.compile(r"(?:^|(?<=[\s　，。：:]))([\u4e00-\u9fff]{2,8}?)[发函字]?\s*[〔\[]\s*(?:19|20)[0-9]{2}\s*[〕\]]\s*[0-9]+\s*号",
                           re.M)
# session 10: a continent before a listed company is its own mention, as a country is (欧洲 | 阿丽亚娜空间公司)
CONTINENTS = frozenset({"Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Oceania"})
GOVERNMENT_BODY_ENDINGS = _W["government_body_endings"]
# a press conference transcript names the reporter's outlet: 记者（第一财经）：
MINISTRY_BODY_ENDINGS = ("部", "委", "委员会", "局", "署")
# a ministry's department (司) or a bureau's division (处), known by its head's title or a clause mark after it
# (a 处 only before its head's title: 之处，, 好处。 are no divisions)
MINISTRY_DEPARTMENT = re.compile(r"([\u4e00-\u9fff]{1,5}?司)(?=副?司长|负责人|[、，。,（(；;])|([^的之\W\d_a-zA-Z]{1,5}?处)(?=副?处长|负责人)")
TITLE_ORIGINAL = re.compile(r"\s*[（(]\s*([A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f'’.\-]*(?:\s+[A-Za-z\u00c0-\u024f'’.\-]+){0,7})\s*[）)]")
REPORTER_OUTLET = re.compile(r"记者\s*[（(]([^（）()\n，。：:]{2,16})[）)]\s*[：:]")
# the header line a WeChat official account prints under a post's title: 原创 <author> <account> <date>, and
# the one a Weibo post carries: <account> 发布于 <date> 来自 <client> (微博网页版: the platform + "web version")
_HEADER_DATE = r"(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
WECHAT_HEADER = re.compile(r"(?m)^[ \t]*原创[ \t\u3000]+(?:(?P<author>[\u4e00-\u9fff·]{2,6})[ \t\u3000]+)?"
                           r"(?P<account>[^\s，。：:]{2,16})[ \t\u3000]+" + _HEADER_DATE)
WEIBO_HEADER = re.compile(r"(?m)^[ \t]*(?P<account>[^\s，。：:]{2,16})[ \t\u3000]+发布于[ \t\u3000]*" + _HEADER_DATE +
                          r"(?:[ \t\u3000]+[0-9]{1,2}:[0-9]{2})?(?:[ \t\u3000]+来自[ \t\u3000]*"
                          r"(?P<client>[\u4e00-\u9fff]{2,6}?)(?:网页版|客户端|手机版|国际版)?)?[ \t\u3000]*$")
LEADING_VERB_CHARS = frozenset(_W["leading_verb_chars"])
LEADING_FUNCTION_CHARS = frozenset(_W["leading_function_chars"])
NAMED_PROGRAMME_HEADS = set(_W["named_programme_heads"])
JOINING_VERBS = set(_W["joining_verbs"])
TRAILING_VERBS = tuple(_W["trailing_verbs"])
# the kind of body written before its name, in apposition (注册管理部门虹口区教育局, 主管部门市教育局): session 9
# the kind of body written between a country (or nothing) and a company's or a think tank's name: 中国企业 | 华某动力,
# 蒙古国国有企业 | 某某公司, 独立咨询机构 | 某某研究所 (session 12): not part of the name
DESCRIBED_NAME = re.compile(r"(?P<place>[\u4e00-\u9fff]{0,5}?)(?P<kind>" + "|".join(_W["descriptor_kinds"]) +
                            r")(?P<rest>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]+)$")
APPOSITIVE_KIND = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:部门|主管单位|机构)(?=[\u4e00-\u9fff]*?[省市区县州])")
CAMPUS_HEADS = _W["campus_heads"]
COORDINATORS = ("、", "和", "与", "及")
# names listed before 等省份 / 等州 / 等地 are places (阿根廷的萨尔塔、胡胡伊等省份), not people
LISTED_PLACES = re.compile(r"(?:[、和与及][\u4e00-\u9fff]{2,6}){0,5}等(?:省份|省区|省|州|城市|国家|地区|地(?![方区块]))")
CAMPUS_BRACKET = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[）)]")
FACILITY_PLACE_ENDINGS = _W["facility_place_endings"]
VENUE_HEADS = tuple(sorted(_W["venue_heads"], key=len, reverse=True))
PERSON_VENUE_HEADS = tuple(h for h in VENUE_HEADS if h != "中心")
BUILDING_ENDINGS = tuple(sorted(_W["building_endings"], key=len, reverse=True))
# what comes right before a programme's name: its amount (30亿港元, 50亿加元的) or a verb that launches it
PROGRAMME_LAUNCH = re.compile(r"(?:[0-9.]+\s*[万亿]?[^\s，。、；0-9]{0,3}元的?|(?:" + "|".join(_W["programme_launch_verbs"]) + r")了?)$")
NUMBERED_UNIT = re.compile(r"(?<![0-9A-Za-z.])[0-9]{2,5}部队")
PRIO_STAT_CONTAINING, PRIO_TERM, PRIO_PLACE, PRIO_LATIN, PRIO_TITLE, PRIO_STAT = 6.5, 6, 5, 5, 4, 3
# session 5 (issue 4, CLUENER first-half error analysis by cause): sports reports, branches, datelines,
# hyphenated foreign names, "A vs B"
MATCH_VERBS = tuple(sorted(_W["match_verbs"], key=len, reverse=True))
MATCH_AFTER = tuple(sorted(_W["match_after"], key=len, reverse=True))
SPORTS_WORDS = _W["sports_cues"]
# a list of names ending in 等 + the kind of body they are (民生、工行、浦发等13家银行, 汇丰、花旗、东亚等各家外资行): session 9
NAME_LIST = re.compile(r"((?:[\u4e00-\u9fffA-Za-z0-9]{2,8}、)+[\u4e00-\u9fffA-Za-z0-9]{2,8})等[^\s、，。；：,;:！？]{0,8}?(?:"
                       + "|".join(sorted(_W["listed_company_heads"], key=len, reverse=True)) + ")")
# a club's initials written before its city (AC米兰, ac米兰, FC巴塞罗那), and a team's nickname after its name
# (庞贝军团; 庞贝军 before the words of a match or a break): session 9, in a sports report only
CLUB_PREFIX = re.compile(r"(?:(?<![A-Za-z])|(?<=vs)|(?<=VS))(?:AC|AS|FC|SC|SS|CF|ac|as|fc|sc|Ac|Fc)$")
TEAM_NICKNAME = re.compile(r"(军团|军(?=[^\u4e00-\u9fff]|$|" + "|".join(_W["match_after"] + _W["match_verbs"]) + "))")
BETTING_TERMS = tuple(sorted(_W["betting_terms"], key=len, reverse=True))
# where a tagger's name in a sports report ends when it ran on into the words of a match or of the odds
# (拉齐奥|平过罗马, 曼联|客场防平局, 威廉希尔|凯比值): session 9
SPORTS_CUT_WORDS = tuple(sorted({w for w in _W["match_verbs"] + _W["match_after"] if len(w) >= 2}
                                | set(_W["betting_terms"]), key=len, reverse=True))
# a score (2比1, 0：3), a record (6胜2负) or "vs" written against a name: also a sports cue
SPORTS_SCORE = re.compile(r"[0-9](?:\s*比\s*[0-9]|\s*[:：]\s*[0-9](?![0-9])|胜[0-9]{1,2}[平负])")
SPORTS_VERSUS = re.compile(r"(?<=[\u4e00-\u9fff])(?:vs|VS|Vs)|(?<![A-Za-z])(?:vs|VS|Vs)(?![A-Za-z])")


def _sports_cue(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] reads like a sports report (a cue word of rule_words.tsv `sports_cues`, a
    score or a record); the words are looked for with `in` (much faster than one alternation)."""
    piece = text[start:end] if start or end is not None else text
    return any(w in piece for w in SPORTS_WORDS) or SPORTS_SCORE.search(piece) is not None or (
        ("vs" in piece or "VS" in piece or "Vs" in piece) and SPORTS_VERSUS.search(piece) is not None)
VERSUS = re.compile(r"(?<=[\u4e00-\u9fff0-9A-Za-z)）])\s*(?:vs|VS|Vs|v\.)\s*(?=[\u4e00-\u9fffA-Za-z])")
BRANCH_HEADS = tuple(sorted(_W["branch_heads"], key=len, reverse=True))
# a news site's or agency's dateline: 新华网广州2月16日电, 人民网9月12日讯 (the outlet is an organisation)
DATELINE = re.compile(r"(?m)^[ \t\u3000]*([\u4e00-\u9fff]{1,6}?(?:网|社|报|电视台|电台))([\u4e00-\u9fff]{0,6}?)"
                      r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:电|讯)")
NAME_HYPHENS = "-－‐"
# a rank written after 海军 / 空军 / 陆军 (海军上将 "admiral"): the words are a title, not the armed service
MILITARY_RANK = re.compile(r"[上中少大]将|[上中少大]校|元帅|司令")
# a speaker's name at the start of a line of an interview or a transcript: 王立新：
# a transcript's speaker may carry a role in brackets before the colon (黄立新（某证券分析师）：, session 12)
# a person's name marked as a pseudonym or as a transcription by sound, in brackets right after it: 柯振（化名）,
# 闵秋华（音）; the name is the word (or two one- and two-character words) before the bracket (session 13)
PSEUDONYM_MARK = re.compile(r"[（(](?:化名|音|音译)[）)]")
SPEAKER = re.compile(r"(?m)^[ \t\u3000]*([\u4e00-\u9fff]{2,4})(?:[（(][^（）()\n]{1,30}[）)])?[：:](?![0-9])")
DATELINE_DATE = re.compile(r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:电|讯)")
# what follows a team's name in a match report: a score or a record (2比1, 3:0, 3胜2平1负, 5连胜), 上上赛季
MATCH_RECORD = re.compile(r"上+赛季|[0-9]{1,2}\s*(?:比|[:：])\s*[0-9]{1,2}(?![0-9])|[0-9]{1,2}\s*[胜平负](?![利局])|"
                          r"[0-9一二三四五六七八九十两]{1,2}连[胜败平]")


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    tag: str                      # tagger tag, or TERM / PLACE / LATIN / DEMONYM
    term: Term | None = None

    @property
    def strong(self) -> bool:
        return self.tag in ("TERM", "PLACE", "LATIN")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    label: str
    prio: float
    source: str
    term: Term | None = None
    alias_of: tuple[int, int] | None = None   # span of the name this one restates, e.g. "X(Y)"


@dataclass
class Found:
    mentions: list[Candidate]
    alias_pairs: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


def _joined_function_char(surface: str) -> int:
    """1 (at the end) or -1 (at the start) when a tagger's person name of five characters or more is a
    transliteration (every other character from Xinhua's transliteration tables, no dot) and a one-character
    verb, adverb, adjective, preposition, conjunction or particle that is not (老 | 雷德克纳普, 杰瑞布凯默 | 继);
    0 otherwise."""
    if len(surface) < 5 or "·" in surface:
        return 0
    from pipeline.entities.naming import syllable_readings

    table = syllable_readings()
    for side, ch, rest in ((1, surface[-1], surface[:-1]), (-1, surface[0], surface[1:])):
        if ch not in table and all(c in table for c in rest) and \
                (dictionary_tag(ch) or "n")[:1] in _FUNCTION_TAG_FIRSTS:
            return side
    return 0


_FUNCTION_TAG_FIRSTS = frozenset("vdapcu")


def _rest_tag(piece: str) -> str:
    """The tag of what is left of a tagger's name after a gazetteer hit (港交所 | 为): one character
    takes its dictionary tag (为 → p, no part of a name), a longer rest is a noun."""
    if len(piece) == 1:
        from pipeline.entities.tagging import coarse_tag

        return coarse_tag(dictionary_tag(piece) or "n")
    return "n"


def tag_is_verb(word: str) -> bool:
    """jieba lists the word as a verb, adverb, preposition or conjunction (会同, 须经)."""
    flag = dictionary_tag(word) or ""
    return flag[:1] in ("v", "p", "d", "c")


def _inside_title_marks(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a 《…》 title on its line."""
    left = text.rfind("《", max(start - 40, 0), start)
    if left < 0 or "》" in text[left:start] or "\n" in text[left:start]:
        return False
    right = text.find("》", end, end + 40)
    return right >= 0 and "《" not in text[end:right] and "\n" not in text[end:right]


def _policy_title(text: str, end: int) -> bool:
    """Whether the 《…》 title around position `end` names a law, a plan or an official document
    (its last words: 法, 法案, 战略, 措施 … from rule_words.tsv `policy_title_endings`)."""
    right = text.find("》", end, end + 40)
    return right >= 0 and text[:right].endswith(POLICY_TITLE_ENDINGS)


def _all_syllables(surface: str) -> bool:
    from pipeline.entities.naming import syllable_readings

    sy = syllable_readings()
    return bool(surface) and all(ch in sy for ch in surface)


def _merge_dotted_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A transliterated name is written with middle dots (约瑟夫·马洛德·威廉, also • ‧ ・), in sports
    and entertainment news often with a hyphen (汤姆-克鲁斯, 索尔-坎贝尔): person parts joined by one
    dot, or by one hyphen between Chinese characters, are one person."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "PERSON" and c.label in ("GPE", "LOC") and c.start == prev.end + 1 \
                and text[prev.end] in NAME_DOTS and c.source in ("statistical", "places") and prev.source != "byline":
            # 哈维尔·门多萨: the part after the dot is a person's name part, whatever the tagger took it for
            c = Candidate(c.start, c.end, "PERSON", c.prio, c.source)
        if prev is not None and prev.label == "PERSON" and c.label == "PERSON" and c.start == prev.end + 1 \
                and (text[prev.end] in NAME_DOTS or (text[prev.end] in NAME_HYPHENS and HAN.match(text[prev.end - 1])
                                                     and HAN.match(text[c.start]))) \
                and prev.source != "byline" and c.source != "byline":
            out[-1] = Candidate(prev.start, c.end, "PERSON", max(prev.prio, c.prio), prev.source)
            continue
        if prev is not None and prev.label == "PERSON" and c.label == "PERSON" and c.start == prev.end and \
                c.source == "statistical" and prev.source != "byline" and \
                any(d in text[prev.start:prev.end] for d in NAME_DOTS) and (
                    text[prev.end - 1] in NAME_DOTS or _all_syllables(text[c.start:c.end])):
            # 迪尔诺扎·拉希 | 莫娃, 娜塔莉亚· | 彼得罗娃: a dotted name the tagger cut in two (session 11)
            out[-1] = Candidate(prev.start, c.end, "PERSON", max(prev.prio, c.prio), prev.source)
            continue
        out.append(c)
    # 费迪南德·马科斯政府: a tagger's dotted person name run on into the government (or cabinet, team) named after
    # the person; the person is the name (session 7)
    for k, c in enumerate(out):
        if c.label == "PERSON" and any(d in text[c.start:c.end] for d in NAME_DOTS):
            tail = next((w for w in PERSON_AFTER_WORDS if text.startswith(w, c.end - len(w))), None)
            if tail and c.end - len(tail) - c.start >= 4 and text[c.end - len(tail) - 1] not in NAME_DOTS:
                out[k] = Candidate(c.start, c.end - len(tail), "PERSON", c.prio, c.source, c.term)
    # 约翰·基普罗诺（John Kiprono）: a dotted name's last part no rule found, restated in Latin in brackets with as
    # many words as the name has parts
    if "·" in text or "•" in text:
        for k, c in enumerate(out):
            if c.label != "PERSON" or c.source == "byline" or text[c.end:c.end + 1] not in NAME_DOTS:
                continue
            m = DOTTED_TAIL.match(text, c.end)
            if m is None or (k + 1 < len(out) and out[k + 1].start < m.end(1)):
                continue
            parts = len(re.split("[" + NAME_DOTS + "]", text[c.start:m.end(1)]))
            if len(m.group(2).split()) == parts:
                out[k] = Candidate(c.start, m.end(1), "PERSON", c.prio, c.source)
    return out


def _person_last_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 11: a foreign person named once in full with dots (卡洛斯·门多萨) is named by the last part alone
    afterwards (门多萨：… in an interview, 尤苏波夫表示): wherever that part stands alone it is the person, even
    where a place has the same name (门多萨 is also Mendoza province) or the tagger read it otherwise; a place
    form of it (门多萨省) is a longer mention and stays. A new mention is added only where no mention is and
    the character before is no transliteration character (the part inside a longer foreign word)."""
    if not any(d in text for d in NAME_DOTS):
        return chosen
    lasts: set[str] = set()
    for c in chosen:
        if c.label == "PERSON" and c.source != "byline":
            parts = re.split("[" + NAME_DOTS + "]", text[c.start:c.end])
            if len(parts) >= 2 and 2 <= len(parts[-1]) <= 6 and all(HAN.match(ch) for ch in parts[-1]):
                lasts.add(parts[-1])
    if not lasts:
        return chosen
    from pipeline.entities.naming import syllable_readings

    sy = syllable_readings()
    exact = {(c.start, c.end): k for k, c in enumerate(chosen)}
    taken = bytearray(len(text) + 1)
    for c in chosen:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    out = list(chosen)
    added: list[Candidate] = []
    for last in lasts:
        for m in re.finditer(re.escape(last), text):
            s, e = m.span()
            k = exact.get((s, e))
            if k is not None:
                c = out[k]
                if c.label != "PERSON" and c.source in ("statistical", "places") and \
                        text[e:e + 1] not in ("省", "州", "市", "县"):
                    out[k] = Candidate(s, e, "PERSON", c.prio, c.source)
                continue
            if any(taken[s:e]) or (s > 0 and (text[s - 1] in sy or text[s - 1] in NAME_DOTS)) or \
                    text[e:e + 1] in ("省", "州", "市", "县") or text[e:e + 1] in NAME_DOTS or text[e:e + 1] in sy:
                continue
            added.append(Candidate(s, e, "PERSON", PRIO_STAT, "statistical"))
            taken[s:e] = b"\x01" * (e - s)
    if added:
        out = sorted(out + added, key=lambda c: c.start)
    return out


# (a run starts where the Chinese characters start: without the look-behind the scan tried again from
# every character of a sentence, each attempt running to the sentence's end — quadratic in its length)
DOTTED_RUN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]+(?:[·•‧・][\u4e00-\u9fff]+)+")


def _dotted_place_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 10: a ·-joined foreign name with a listed place inside one of its parts (纳丽·提拉萨 holds 拉萨,
    卡洛斯·巴拿马雷斯 holds 巴拿马, 约翰·加纳) is one person, not a place: the parts are the transliteration
    characters on each side of the dots (`transliteration_syllables.tsv`, or a listed given name or surname in
    `foreign_name_readings.tsv`), the place's characters included. Left alone when every part is a place or a
    part is no transliteration (中国·东盟: two names joined by a dot)."""
    if not any(d in text for d in NAME_DOTS):
        return chosen
    places = [c for c in chosen if c.label in ("GPE", "LOC") and c.source != "byline"]
    if not places:
        return chosen
    from pipeline.entities.naming import foreign_readings, syllable_readings

    sy, table = syllable_readings(), foreign_readings()
    out = chosen
    for m in DOTTED_RUN.finditer(text):
        if not any(c.start < m.end() and c.end > m.start() for c in places):
            continue
        dots = [i for i in range(m.start(), m.end()) if text[i] in NAME_DOTS]
        inner = [c for c in places if m.start() <= c.start and c.end <= m.end()]
        # the first part: transliteration characters back from the first dot (or a listed name ending there),
        # taking in a place that reaches into it
        start = dots[0]
        while start > m.start() and dots[0] - start < 8 and text[start - 1] in sy:
            start -= 1
        for n in range(min(6, dots[0] - m.start()), 1, -1):
            if text[dots[0] - n:dots[0]] in table:
                start = min(start, dots[0] - n)
                break
        for c in inner:
            if c.start < start < c.end and c.end <= dots[0]:
                start = c.start
        end = dots[-1] + 1
        for c in inner:
            if c.start == dots[-1] + 1:
                end = max(end, c.end)
        while end < m.end() and end - dots[-1] < 9 and text[end] in sy:
            end += 1
        for n in range(min(6, m.end() - dots[-1] - 1), 1, -1):
            if text[dots[-1] + 1:dots[-1] + 1 + n] in table:
                end = max(end, dots[-1] + 1 + n)
                break
        bounds = [start] + dots + [end]
        parts = [(bounds[0], bounds[1])] + [(bounds[k] + 1, bounds[k + 1]) for k in range(1, len(bounds) - 1)]
        if any(b - a < 1 for a, b in parts):
            continue
        inside = [c for c in places if start <= c.start and c.end <= end]
        if not inside:
            continue
        whole_places = {(c.start, c.end) for c in inside}
        if all(p in whole_places for p in parts):
            continue                            # 中国·东盟 … every part a place
        readable = [p for p in parts if p not in whole_places]
        if not all(text[a:b] in table or all(ch in sy for ch in text[a:b]) or
                   any(a <= c.start and c.end <= b for c in inside) for a, b in readable):
            continue
        if not any(text[a:b] in table or all(ch in sy for ch in text[a:b]) for a, b in readable):
            continue
        kept = [c for c in out if c.end <= start or c.start >= end]
        if any(c.start < start < c.end or c.start < end < c.end for c in kept):
            continue
        prio = max((c.prio for c in out if start <= c.start and c.end <= end), default=1.0)
        out = sorted(kept + [Candidate(start, end, "PERSON", prio, "statistical")], key=lambda c: c.start)
    return out


_THIRD = itemgetter(2)


def _complete_short_orgs(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Session 9: a tagger's organisation of one or two characters that, with the one or two words after it,
    makes a word jieba's dictionary lists as an organisation (nt: 深 | 发展 → 深发展, a bank's short name) is
    that whole word."""
    tags = list(map(_THIRD, words))
    if "ORG" not in tags:
        return words
    out: list[tuple[int, int, str]] | None = None
    k = -1
    while True:
        try:
            k = tags.index("ORG", k + 1)
        except ValueError:
            break
        s, e, tag = words[k]
        if e - s > 2 or k + 1 >= len(words) or (out is not None and out[k] is None):
            continue
        for j in (k + 1, k + 2):
            if j >= len(words) or words[j][1] - s > 6:
                break
            if dictionary_tag(text[s:words[j][1]]) == "nt":
                if out is None:
                    out = list(words)
                out[k] = (s, words[j][1], "ORG")
                for i in range(k + 1, j + 1):
                    out[i] = None
                break
    return words if out is None else [w for w in out if w is not None]


# a company's arm in a country or region, written as its legal name: 友利银行（中国）有限公司 (session 9)
COMPANY_ARM = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[）)](?:股份)?有限(?:责任)?公司")


def _company_arms(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 9: an organisation's name followed by a place in brackets and its legal form (韩国友利银行（中国）有限
    公司, 汇丰银行(香港)有限公司) is one organisation, the company's arm there (as 汇丰中国 is); the place and the
    rest a tagger made a name of inside it are no mentions of their own."""
    if "有限" not in text:
        return chosen
    out: list[Candidate] = []
    skip_to = -1
    for c in chosen:
        if c.start < skip_to:
            continue
        if c.label == "ORG":
            m = COMPANY_ARM.match(text, c.end)
            if m:
                c = Candidate(c.start, m.end(), "ORG", c.prio, c.source, None)
                skip_to = m.end()
        out.append(c)
    return out


# a numbered division or regiment before its body (第六师 + 国土资源局: the Xinjiang Production and Construction
# Corps' divisions, an army's): session 9
NUMBERED_DIVISION = re.compile(r"第[一二三四五六七八九十百零0-9]{1,4}$")


def _numbered_divisions(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 9: a tagger's organisation starting with 师 / 团 / 旅 / 军 right after 第 + a number (第六 | 师国土资源局)
    is the numbered unit's body, 第六师国土资源局: the number joins the name."""
    if "第" not in text:
        return chosen
    out = list(chosen)
    for k, c in enumerate(out):
        if c.label == "ORG" and text[c.start:c.start + 1] in "师团旅军" and c.end - c.start >= 4:
            m = NUMBERED_DIVISION.search(text, max(c.start - 5, 0), c.start)
            if m and (k == 0 or out[k - 1].end <= m.start()):
                out[k] = Candidate(m.start(), c.end, c.label, c.prio, c.source, c.term)
    return out


def _fields_joined_by_ji(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 9: a tagger's organisation that ends in no organisation head, 及, and an organisation that does
    (中国房地产 | 及 | 住宅研究会) are one body whose fields are joined by 及 (中国房地产及住宅研究会), as 、 and 及 join a
    ministry's fields (贸易及工业部); two whole names joined by 及 (中国银行及招商银行) stay two."""
    if "及" not in text:
        return chosen
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if prev is not None and prev.label == "ORG" and c.label == "ORG" and prev.source in ("statistical", "chain") and \
                c.start == prev.end + 1 and text[prev.end] == "及" and text[prev.end - 1] not in ORG_SUFFIX_CHARS \
                and text[c.end - 1] in ORG_SUFFIX_CHARS and prev.term is None and c.term is None:
            out[-1] = Candidate(prev.start, c.end, "ORG", max(prev.prio, c.prio), "chain")
            continue
        out.append(c)
    return out


# a village named after a family (董家河, 李家沟, 王家庄) and the areas written after a name (王朗自然 + 保护区): session 9
FAMILY_VILLAGE = re.compile(r"[\u4e00-\u9fff]家[河村湾庄寨沟岭坡屯营洼]")
AREA_AFTER_NAME = re.compile(r"(?:自然保护区|保护区|风景区|风景名胜区)")


def _place_like_persons(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 9: a tagger's person that is a family's village (董家河, 李家沟: surname + 家 + 河/沟/庄 …) is a place,
    and a tagger's person written right before 自然保护区 / 保护区 / 风景区 (王朗自然 | 保护区) names the area with it,
    a place (LOC)."""
    out = list(chosen)
    for k, c in enumerate(out):
        if c.label != "PERSON" or c.source != "statistical":
            continue
        surface = text[c.start:c.end]
        nxt = out[k + 1].start if k + 1 < len(out) else len(text)
        m = AREA_AFTER_NAME.match(text, c.end)
        if m and m.end() <= nxt:
            out[k] = Candidate(c.start, m.end(), "LOC", c.prio, "statistical")
        elif FAMILY_VILLAGE.fullmatch(surface):
            out[k] = Candidate(c.start, c.end, "LOC", c.prio, "statistical")
    return out


def _split_versus(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagger word that runs over "vs" (纽卡斯尔队vs斯托克城队, 雷吉纳vsac米兰) is two names: the
    word is split at it, both sides keep the word's tag and "vs" is punctuation."""
    if "vs" not in text and "VS" not in text and "Vs" not in text and "v." not in text:
        return words            # most texts: no "vs" at all
    spots = [m.span() for m in VERSUS.finditer(text)]
    if not spots:
        return words            # most texts: no "vs" at all
    out: list[tuple[int, int, str]] = []
    for s, e, tag in words:
        m = next(((a, b) for a, b in spots if s < a and b < e), None) if e - s > 3 else None
        if m is not None:
            out += [(s, m[0], tag), (m[0], m[1], "w"), (m[1], e, tag)]
        else:
            out.append((s, e, tag))
    return out


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return a, (b if b >= 0 else len(text))


def _sports_teams(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """In a sports report a team is named after its city or written like a person's name (罗马, 曼城,
    加拉塔萨雷): a place or person name written right before or after the words of a match (X vs Y,
    2比1战胜X, X主场, 做客X, 逼平X, X队, X3胜2平) in a paragraph with a sports cue (a score, 赛季,
    主场 …) is the team, an organisation; other mentions of the same name in such paragraphs follow. The team's
    own 队 is part of its name (纽卡斯尔队)."""
    if not _sports_cue(text):
        return chosen
    teams: set[str] = set()
    cue_cache: dict[tuple[int, int], bool] = {}

    def sporty(c: Candidate) -> bool:
        span = _line_around(text, c.start, c.end)
        if span not in cue_cache:
            cue_cache[span] = _sports_cue(text, *span)
        return cue_cache[span]

    out: list[Candidate] = []
    cut: set[int] = set()
    for c in _sports_cuts(text, chosen, sporty, cut):
        if c.label in ("PERSON", "GPE", "LOC") and c.source in ("statistical", "places", "coordinated") and \
                not (c.term is not None and c.term.label == "PERSON") and sporty(c):
            before = text[max(c.start - 6, 0):c.start].rstrip()
            after = text[c.end:c.end + 6].lstrip()
            club = CLUB_PREFIX.search(text, max(c.start - 3, 0), c.start)
            nickname = TEAM_NICKNAME.match(text, c.end)
            team = before.endswith(MATCH_VERBS) or before.endswith(("vs", "VS", "Vs", "球队", "对手")) or \
                after.startswith(MATCH_AFTER) or after.startswith(MATCH_VERBS) or \
                (after.startswith("的") and after[1:].startswith(("主场", "客场"))) or \
                (c.start in cut and after.startswith(BETTING_TERMS)) or MATCH_RECORD.match(after) is not None or \
                club is not None or nickname is not None
            if team:
                start, end = c.start, c.end
                if text.startswith("队", c.end) and not text.startswith(("队员", "队长", "队友", "队伍"), c.end):
                    end = c.end + 1     # 纽卡斯尔队: the team's own name
                elif nickname is not None:
                    end = nickname.end(1)   # 庞贝军团: the team's nickname (session 9)
                if club is not None:
                    start = club.start()    # AC米兰, ac米兰: the club's initials (session 9)
                c = Candidate(start, end, "ORG", c.prio, "sports", None)
                teams.add(text[c.start:c.end])
        elif c.label == "ORG" and c.source == "statistical" and sporty(c):
            nickname = TEAM_NICKNAME.match(text, c.end)
            if nickname is not None:
                c = Candidate(c.start, nickname.end(1), "ORG", c.prio, "sports", None)    # 庞贝 | 军团
        out.append(c)
    if teams:
        for k, c in enumerate(out):
            if c.label in ("PERSON", "GPE", "LOC") and text[c.start:c.end] in teams and \
                    not (c.term is not None and c.term.label == "PERSON") and sporty(c):
                out[k] = Candidate(c.start, c.end, "ORG", c.prio, "sports", None)
        # a name written against a team or listed with one (热刺对埃弗顿, 利兹和热刺) is a team too
        for k, c in enumerate(out):
            if c.label not in ("PERSON", "GPE", "LOC") or c.source not in ("statistical", "places", "coordinated") or \
                    (c.term is not None and c.term.label == "PERSON") or not sporty(c):
                continue
            nxt = out[k + 1] if k + 1 < len(out) else None
            prv = out[k - 1] if k else None
            if (nxt is not None and nxt.start == c.end + 1 and (
                    (nxt.source == "sports" and text[c.end] in "对和与、") or (nxt.label == "ORG" and text[c.end] == "对"))) or \
                    (prv is not None and c.start == prv.end + 1 and (
                        (prv.source == "sports" and text[prv.end] in "对和与、") or (prv.label == "ORG" and text[prv.end] == "对"))):
                out[k] = Candidate(c.start, c.end, "ORG", c.prio, "sports", None)
    return out


def _sports_cuts(text: str, chosen: list[Candidate], sporty: Callable[[Candidate], bool], cut: set[int]) -> list[Candidate]:
    """Session 9 (CLUENER first half): in a sports report a tagger runs a team's or a bookmaker's name on into
    the words of the match or of the odds (拉齐奥平 | 过罗马, 曼联客场防平局, 威廉希尔凯 | 比值, toto凯比值): the
    name ends where such a word (`SPORTS_CUT_WORDS`) starts, two characters in or more; a tagger's name that is
    itself a betting term (凯比值) is no name. Only a tagger's names (source "statistical") in a line with a
    sports cue; the shortened name is then judged by `_sports_teams` like any other, and one cut before a
    betting term is the bookmaker's (its start goes into `cut`; a person's name the tagger kept apart from
    初盘, an author's column, stays a person)."""
    out: list[Candidate] = []
    for c in chosen:
        if c.source == "statistical" and c.label in ("PERSON", "GPE", "LOC", "ORG") and c.end - c.start >= 3:
            surface = text[c.start:c.end]
            if any(w in surface or w[0] == surface[-1] for w in SPORTS_CUT_WORDS) and sporty(c):
                if surface.startswith(BETTING_TERMS):
                    continue
                for k in range(2, c.end - c.start):
                    if text.startswith(SPORTS_CUT_WORDS, c.start + k):
                        c = Candidate(c.start, c.start + k, c.label, c.prio, c.source, None)
                        cut.add(c.start)
                        break
        out.append(c)
    return out


# a bookmaker in a betting report: its name right before its odds (立博：2.37/3.00/2.75, home / draw /
# away) or before 相同赔率 ("at the same odds", interwetten相同赔率下); the name starts a clause
BOOKMAKER = re.compile(r"(?:^|(?<=[\s，。；：:、（(“”\"]))([\u4e00-\u9fff]{2,6}|[A-Za-z][A-Za-z0-9]{1,15})"
                       r"(?:\s*[:：]\s*[0-9]{1,2}\.[0-9]{1,2}\s*/\s*[0-9]{1,2}\.[0-9]{1,2}\s*/\s*[0-9]{1,2}\.[0-9]{1,2}"
                       r"|相同赔率)", re.M)
SHORT_LATIN = re.compile(r"[A-Za-z]{1,2}")
CLAUSE_START = "\n。！？；：，、“‘（(《 \u3000"
ODDS = re.compile(r"[0-9]\.[0-9]{1,2}\s*/\s*[0-9]{1,2}\.[0-9]")


def _bookmakers(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Bookmakers named before their odds (`BOOKMAKER`) are organisations: a place or person name found
    there becomes an ORG, and a name no rule found is added as one (立博, bwin); a mention that
    reaches past the name (LAC's 威廉希尔凯比值) is left alone."""
    if "赔率" not in text and ODDS.search(text) is None:
        return chosen
    out = list(chosen)
    added = False
    for m in BOOKMAKER.finditer(text):
        s, e = m.span(1)
        over = [k for k, c in enumerate(out) if c.start < e and s < c.end]
        if not over:
            out.append(Candidate(s, e, "ORG", PRIO_STAT, "sports", None))
            added = True
        elif len(over) == 1:
            c = out[over[0]]
            if (c.start, c.end) == (s, e) and c.label in ("PERSON", "GPE", "LOC") and \
                    c.source in ("statistical", "places", "coordinated") and not (c.term is not None and c.term.label == "PERSON"):
                out[over[0]] = Candidate(s, e, "ORG", c.prio, "sports", None)
    if added:
        out.sort(key=_START)
    return out


_START = attrgetter("start")
_END = attrgetter("end")
# a road's last character and the one-character postpositions a tagger joins to a road's name (南滨路上)
ROAD_LAST_CHARS = frozenset("路街道巷")
ROAD_POSTPOSITIONS = frozenset("上里边旁")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
# tagger tags of a name or a proper noun: what a gazetteer hit leaves of such a word gets `_rest_tag`
_NAME_WORD_TAGS = ("PER", "ORG", "LOC", "nz", "nw")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_STRONG_ORDER = {"TERM": 0, "DEMONYM": 1, "PLACE": 2, "LATIN": 3}
_STRONG_TAGS = frozenset(("TERM", "PLACE", "LATIN"))     # Unit.strong
# the unit tags `MentionFinder.find` makes candidates of (with an "n" word ending in 政府)
_FIND_TAGS = frozenset(("DEMONYM", "TERM", "PLACE", "LATIN", "ORG", "nz", "PER", "LOC"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_GOV_RUN_ON = re.compile(r"政府(?=[对向为将在于与给])")


def _split_run_on_government(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """庆阳市人民政府对智算 (one ORG word of the tagger): the government ends before the preposition that
    follows it (对 / 向 / 为 …); the rest is left as ordinary words."""
    if "政府" not in text or not any(tag == "ORG" and "政府" in text[s:e - 1] for s, e, tag in words):
        return words
    out: list[tuple[int, int, str]] = []
    for s, e, tag in words:
        m = _GOV_RUN_ON.search(text, s, e - 1) if tag == "ORG" else None
        if m is None or m.start() == s:
            out.append((s, e, tag))
            continue
        cut = m.end()
        out.append((s, cut, tag))
        out.append((cut, cut + 1, "p"))
        if cut + 1 < e:
            out.append((cut + 1, e, "n"))
    return out


def _cuts_inside(pos: int, starts: list[int], spans: Sequence[tuple]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _drop_straddling_terms(strong: list[Unit], words: list[tuple[int, int, str]],
                           tokens: Sequence[tuple[int, int]]) -> list[Unit]:
    """A two-character termbase name that each segmenter cuts on one side (日中车 | 企 by jieba, 日 | 中 | 车企 by the
    tagger: 中车 starts inside one's word and ends inside the other's) is two words' halves, not the name: 日中车企
    is Japanese and Chinese carmakers, not CRRC (session 13)."""
    short = [u for u in strong if u.tag == "TERM" and u.end - u.start == 2]
    if not short:
        return strong
    word_starts = [w[0] for w in words]
    token_starts = [t[0] for t in tokens]
    drop = set()
    for u in short:
        if (_cuts_inside(u.start, token_starts, tokens) and _cuts_inside(u.end, word_starts, words)) or \
                (_cuts_inside(u.start, word_starts, words) and _cuts_inside(u.end, token_starts, tokens)):
            drop.add(id(u))
    return [u for u in strong if id(u) not in drop] if drop else strong


_KIND_WORDS = tuple(sorted(set(_W["descriptor_kinds"]), key=len, reverse=True))
# every two characters in a row inside a kind word: a word can start with the end of a kind written before it
# (商 | 海瑞 after 组装) only where the character before it and its first are such a pair (a cheap test first)
_KIND_PAIRS = frozenset(k[j - 1:j + 1] for k in _KIND_WORDS for j in range(1, len(k)))
_JOINING_FIRSTS = frozenset(w[0] for w in JOINING_VERBS)


def _split_joined_words(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A tagger's name word that starts with a verb joining two bodies (会同省财政厅: 会同 | 省财政厅) or with the end
    of the kind of body written before it (组装 | 商海瑞: the 商 of 组装商) starts after it (session 13)."""
    out: list[tuple[int, int, str]] | None = None
    for k, (s, e, tag) in enumerate(words):
        cut = 0
        if e - s >= 3 and tag in ("ORG", "PER", "LOC", "nz", "nt", "n"):
            if text[s] in _JOINING_FIRSTS:
                cut = next((len(v) for v in JOINING_VERBS if text.startswith(v, s) and e - s - len(v) >= 2), 0)
            if not cut and s > 0 and tag in ("ORG", "PER", "nz") and text[s - 1:s + 1] in _KIND_PAIRS:
                for kind in _KIND_WORDS:
                    n = next((n for n in range(1, len(kind)) if text.startswith(kind[-n:], s)
                              and text.endswith(kind[:-n], 0, s)), 0) if e - s > 2 else 0
                    if n and e - s - n >= 2:
                        cut = n
                        break
        if cut:
            if out is None:
                out = list(words[:k])
            out.append((s, s + cut, "v"))
            out.append((s + cut, e, tag))
        elif out is not None:
            out.append((s, e, tag))
    return words if out is None else out


class MentionFinder:
    def __init__(self, lexicons: Lexicons,
                 tagger: Callable[[str, Sequence[tuple[int, int]]], list[tuple[int, int, str]]] | None,
                 voter=None):
        self.lex = lexicons
        self.tagger = tagger
        # a second statistical recogniser asked about team names in sports reports (voter.py), or None
        self.voter = voter
        self.heads_by_len = sorted(lexicons.heads, key=len, reverse=True)
        self.head_lengths = sorted({len(h) for h in lexicons.heads}, reverse=True)
        self._head_last_chars = frozenset(h[-1] for h in lexicons.heads)
        self._head_last_re = re.compile("[" + "".join(map(re.escape, sorted(self._head_last_chars))) + "]"
                                        if self._head_last_chars else r"(?!)")
        self.titles_by_len = sorted(lexicons.titles, key=len, reverse=True)
        # for `_strip_titles`: the titles' lengths (longest first) and each title's place in titles_by_len
        self._title_lengths = sorted({len(t) for t in self.titles_by_len}, reverse=True)
        self._title_rank = {t: k for k, t in enumerate(self.titles_by_len)}
        self._title_starts: dict[str, list[str]] | None = None
        # facility heads that name a plant (工厂, 晶圆厂, 冶金厂, 精炼厂): a tagger's organisation ending in one is the plant
        self._plant_heads = tuple(h for h, v in lexicons.heads.items() if v[0] == "FACILITY" and h.endswith("厂"))
        self.place_by_surface = {f: p for p in lexicons.places for f in p.surfaces}
        self._one_char_surnames = frozenset(k for k in lexicons.surnames if len(k) == 1)
        self._term_surfaces = frozenset(f for t in lexicons.terms for f in t.surfaces)
        self._foreign_cache: dict[str, bool] = {}
        # 省 / 市 + a standard government body (省科技厅, 经省政府同意, 省产业基金): the document's own province's
        # or city's body, found when the document names a province / city (浙江省…, 杭州市…)
        bodies = sorted(set(lexicons.gov_bodies) | {"政府", "人民政府"}, key=len, reverse=True)
        self._bare_body = re.compile(r"([省市])(?:(?:"
                                     + "|".join(map(re.escape, bodies))
                                     + r")|[\u4e00-\u9fff]{0,6}?(?:产业基金|投资基金|引导基金))")
        self._country_forms_by_len = sorted((f for f, p in self.place_by_surface.items() if self._is_nation(p) and len(f) >= 2),
                                            key=len, reverse=True)
        # the same forms as a set and their lengths (longest first), for `_country_prefixes`
        self._country_forms = frozenset(self._country_forms_by_len)
        self._country_form_lengths = sorted({len(f) for f in self._country_forms}, reverse=True)
        # session 11: a currency's name without its country (秘鲁索尔 → 索尔, 乌兹别克斯坦索姆 → 索姆), which after an
        # amount (约合49亿索尔) is the currency, not a name
        self._currency_tails = frozenset(w[len(f):] for w in lexicons.currency_words for f in self._country_forms_by_len
                                         if w.startswith(f) and len(w) - len(f) >= 2) - set(self.place_by_surface)

    def _country_prefixes(self, text: str, start: int = 0) -> Iterator[str]:
        """The country forms `text` starts with at `start`, longest first: the forms of
        `_country_forms_by_len` that `text.startswith(f, start)`, in that order (one slice and a set
        lookup per length instead of a scan of every form)."""
        for n in self._country_form_lengths:
            piece = text[start:start + n]
            if len(piece) == n and piece in self._country_forms:
                yield piece

    # ------------------------------------------------------------------ units
    def _strong_spans(self, text: str, boundaries: set[int]) -> list[Unit]:
        found: list[Unit] = []
        for s, e, term in self.lex.termbase_gazetteer.find(text, boundaries):
            found.append(Unit(s, e, "TERM", term))
        for s, e, value in self.lex.place_gazetteer.find(text, boundaries):
            if isinstance(value, tuple):
                found.append(Unit(s, e, "DEMONYM", value[1]))
            else:
                found.append(Unit(s, e, "PLACE", value))
        for m in LATIN_NAME.finditer(text):
            s, e = m.span()
            piece = m.group()
            while piece and piece[-1] in ".'":   # sentence full stop after a name
                piece = piece[:-1]
                e -= 1
            if piece[:2] in ("vs", "VS") and len(piece) > 3 and s > 0 and HAN.match(text[s - 1]) and " " not in piece:
                s, piece = s + 2, piece[2:]     # 雷吉纳vsAC米兰: "vs" written against the next team's name
            if not _ASCII_LETTER.search(piece) or piece in self.lex.non_entities:
                continue
            if len(piece) == 1 or piece.islower() or re.fullmatch(r"[0-9.]+[A-Za-z]{1,3}", piece):
                continue
            if re.fullmatch(r"[0-9][0-9.,]*[A-Za-z]+", piece) and not re.fullmatch(r"[0-9][A-Z]{1,2}", piece):
                continue                # 2000PFlops, 7nm: a number with its unit (3M, 5G stay)
            if re.fullmatch(r"[A-Z]{1,3}[0-9]{8,}", piece):
                continue                # S1230524070002: a licence or registration number, not a name
            if STOCK_TICKER.fullmatch(piece):
                continue                # ALPR.SW, 600519.SH, 0700.HK: a stock code with its exchange, not a name (session 13)
            if text.startswith("$", e) and re.fullmatch(r"[A-Z]{1,3}", piece):
                continue                # HK$, US$, S$: a currency sign
            if re.fullmatch(r"[A-Z0-9]{2,6}", piece) and text.startswith(LATIN_TECH_CONTEXT, e) \
                    and not MODEL_DESIGNATION.fullmatch(piece):
                continue                # EDA工具, USB接口: a technology's acronym
            found.append(Unit(s, e, "LATIN"))
        found.sort(key=lambda u: (-(u.end - u.start), _STRONG_ORDER[u.tag], u.start))
        chosen: list[Unit] = []
        taken = bytearray(len(text) + 1)
        for unit in found:
            if any(taken[unit.start:unit.end]):
                continue
            chosen.append(unit)
            taken[unit.start:unit.end] = b"\x01" * (unit.end - unit.start)
        return sorted(chosen, key=lambda u: u.start)

    def units(self, text: str, words: list[tuple[int, int, str]], tokens: Sequence[tuple[int, int]]) -> list[Unit]:
        # word and token edges (built by C-level iteration: a set.add call per edge was a tenth of the step)
        boundaries = set(chain.from_iterable(tokens))
        boundaries.update(map(_FIRST, words))
        boundaries.update(map(_SECOND, words))
        boundaries.add(0)
        boundaries.add(len(text))
        strong = self._strong_spans(text, boundaries)
        if strong:
            strong = _drop_straddling_terms(strong, words, tokens)
        n_strong = len(strong)
        if not n_strong:
            return [Unit(s, e, tag) for s, e, tag in words if s < e]
        # the words and the parts of words that strong units leave, with the strong units merged in by
        # start (the words are in text order and no piece overlaps a strong unit: the order a sort gives)
        units: list[Unit] = []
        append = units.append
        strong_starts = [u.start for u in strong]
        strong_ends = [u.end for u in strong]
        k = 0                           # the first strong unit not ending before the current word
        m = 0                           # the first strong unit not yet in `units`
        for s, e, tag in words:
            while k < n_strong and strong_ends[k] <= s:
                k += 1
            if k == n_strong or strong_starts[k] >= e:
                if s < e:
                    while m < n_strong and strong_starts[m] <= s:
                        append(strong[m])
                        m += 1
                    append(Unit(s, e, tag))     # no strong unit inside the word: the word whole
                continue
            pos = s
            j = k
            while j < n_strong and strong_starts[j] < e:
                if strong_starts[j] > pos:
                    while m < n_strong and strong_starts[m] <= pos:
                        append(strong[m])
                        m += 1
                    append(Unit(pos, strong_starts[j], tag if tag not in _NAME_WORD_TAGS
                                else _rest_tag(text[pos:strong_starts[j]])))
                pos = max(pos, strong_ends[j])
                j += 1
            if pos < e:
                while m < n_strong and strong_starts[m] <= pos:
                    append(strong[m])
                    m += 1
                # the rest of a word split by a gazetteer hit is no longer the tagger's name
                append(Unit(pos, e, tag if pos == s or tag not in _NAME_WORD_TAGS else _rest_tag(text[pos:e])))
        units.extend(strong[m:])
        return units

    # ------------------------------------------------------------------ helpers
    def _label_for_place(self, text: str, start: int, end: int) -> str:
        """A tagger's place name is a GPE (country, region, city: 孟买, 阿布扎比, 北方邦) unless
        its last word names a natural or geographic feature (长江, 欧洲, 华尔街, 硅谷)."""
        surface = text[start:end]
        if len(surface) >= 3 and surface.endswith("港"):
            return "FACILITY"           # 鹿特丹港, 佩森港: a port
        if surface.endswith(FACILITY_PLACE_ENDINGS) and len(surface) > 3:
            return "FACILITY"           # 安丰工业园: an industrial park
        if surface.endswith(GEO_FEATURE_ENDINGS) and not surface.endswith(GPE_ENDINGS):
            return "LOC"
        if surface.endswith("新区") and len(surface) >= 4 and not surface.endswith("高新区"):
            return "GPE"                # 浦东新区, 滨海新区: a state-level new area is an administrative area (session 10)
        if surface.endswith(ZONE_ENDINGS):
            return "LOC"                # 东湖新技术开发区: a zone, not an administrative area
        return "GPE"

    def _head_at(self, text: str, end: int, unit_starts: set[int]) -> str | None:
        if end < 1 or text[end - 1] not in self._head_last_chars:
            return None
        heads = self.lex.heads
        for n in self.head_lengths:
            s = end - n
            if s >= 0 and s in unit_starts and text[s:end] in heads:
                return text[s:end]
        return None

    def _head_ending(self, text: str, start: int, end: int) -> str | None:
        """Longest head that a single unit's text ends with (the unit being longer than it)."""
        if end < 1 or text[end - 1] not in self._head_last_chars:
            return None
        heads = self.lex.heads
        for n in self.head_lengths:
            if end - start > n and text[end - n:end] in heads:
                return text[end - n:end]
        return None

    def _latin_label(self, text: str, unit: Unit) -> str:
        """A Latin name is an organisation unless its last word, its place or its neighbours say
        otherwise: inside 《》 or restating a 《》 title in brackets it is a work (book, game,
        film); before a product word (Falcon系列, Source引擎) or written with its version (EPR2) a product;
        a capitalised single word
        after a person's title or before an honorific (制片人Steven, Berg先生) a person."""
        piece = text[unit.start:unit.end]
        words = piece.split()
        last = words[-1] if words else ""
        for label, lasts in LATIN_LAST_WORD.items():
            if last in lasts and len(words) > 1:
                return label
        if _inside_title_marks(text, unit.start, unit.end) or LATIN_AFTER_TITLE.search(text, max(unit.start - 4, 0), unit.start):
            return "PRODUCT"
        if text.startswith(LATIN_PRODUCT_CONTEXT, unit.end) or (
                MODEL_DESIGNATION.fullmatch(piece) and text.startswith(LATIN_TECH_CONTEXT, unit.end)):
            return "PRODUCT"
        if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]{2,}", words[0]) and re.fullmatch(r"[A-Z]{1,3}[0-9]{1,4}[A-Za-z]?", last):
            return "PRODUCT"            # Bayraktar TB3, Galaxy S24: a maker's name and its model
        if LATIN_MODEL_NUMBER.fullmatch(piece):
            return "PRODUCT"            # NXT:1980i, EXE:5000, MURAD-100A: a maker's model number
        if LATIN_VERSIONED.fullmatch(piece):
            # EPR2, DotA2, Windows11, CS1.6: a product and its version; Expo2020, WCG2011: an event and its year
            return "EVENT" if re.search(r"[A-Za-z](?:19|20)[0-9]{2}$", piece) else "PRODUCT"
        if len(words) == 1 and re.fullmatch(r"[A-Z][a-z]{2,}", piece):
            before = text[max(unit.start - 4, 0):unit.start]
            if text.startswith(HONORIFICS, unit.end) or any(before.endswith(t) for t in self.titles_by_len if len(t) >= 2):
                return "PERSON"
        return "ORG"

    def _is_country(self, term: Term | None) -> bool:
        return bool(term and term.origin == "places" and term.demonyms)

    @staticmethod
    def _is_nation(term: Term) -> bool:
        """A country proper: a listed GPE with nationality words, not a city or region (北京市,
        香港特区, 台湾地区 are among its forms for those)."""
        return term.origin == "places" and term.label == "GPE" and bool(term.demonyms) and \
            not any(f.endswith(("市", "特区", "特别行政区", "地区")) for f in term.surfaces)

    # ------------------------------------------------------------------ rules
    def _chains(self, text: str, units: list[Unit]) -> list[Candidate]:
        """Names ending with a head word: [name-like units] + head."""
        out: list[Candidate] = []
        starts = set(map(_START, units))
        # only the units ending where a head can end (its last character): _head_at and _head_ending say None
        # elsewhere (the test made in C over all the units; a Python step per unit was most of this rule's time)
        head_ends = {m.end() for m in self._head_last_re.finditer(text)}
        for j in compress(range(len(units)), map(head_ends.__contains__, map(_END, units))):
            unit = units[j]
            if unit.tag in ("TERM", "PLACE", "DEMONYM") and unit.term and unit.term.label in ("PERSON", "GPE", "LOC"):
                continue
            head = self._head_at(text, unit.end, starts)
            inner_head = None
            if head is None:
                inner_head = self._head_ending(text, unit.start, unit.end)
                if inner_head is None or unit.tag not in ("n", "nz", "nw", "ORG", "LATIN", "vn"):
                    continue
                if unit.end - unit.start == len(inner_head) + 1 and is_common_word(text[unit.start:unit.end]):
                    continue            # 布局, 格局, 头部, 全省, 部署: a word, not name + head
                if len(inner_head) == 1 and (dictionary_tag(text[unit.start:unit.end]) or "n")[:1] in "lvrdaicp":
                    continue            # 怎么办, 举办: jieba lists the word, and not as a noun
                if len(inner_head) == 1 and is_common_word(text[unit.end - 2:unit.end]) and \
                        text[unit.end - 2:unit.end] not in self.lex.heads:
                    continue            # 产业布局, 研发总部: the head character belongs to a word (布局)
                head = inner_head
            head_start = unit.end - len(head)
            if inner_head is None and len(head) == 1 and unit.tag in ("v", "vd") and unit.end - unit.start == 1:
                continue                # 学生 | 办 | 信用卡: 办 "apply for", a verb, not an office
            if MILITARY_RANK.match(text, unit.end):
                continue                # 维诺格拉多夫 | 海军上将: a rank (admiral), not a navy
            label, head_en, standalone = self.lex.heads[head]
            if label == "PROGRAM" and inner_head is None and j + 1 < len(units) and units[j + 1].start == unit.end \
                    and units[j + 1].tag in ("v", "vn", "d", "vd", "p"):
                continue                # 三星电子计划投资: 计划 "plans to", not a programme
            # the units making the head
            i = j
            if inner_head is None:
                # the unit where the head starts (a few units back at most; units are sorted by start)
                while i > 0 and units[i].start > head_start:
                    i -= 1
                if units[i].start != head_start:
                    i = j
                else:
                    while i + 1 < len(units) and units[i + 1].start == head_start:
                        i += 1      # the last unit starting there (as a start -> index table has it)
            head_units = units[i:j + 1]
            if inner_head is None and any(u.strong for u in head_units):
                continue
            # walk left over name-like units
            left = i if inner_head is None else j
            conj_used = False
            while left > 0:
                prev = units[left - 1]
                ptext = text[prev.start:prev.end]
                if unit.end - prev.start > 24 or (j - left) > 7:
                    break
                if prev.tag == "DEMONYM":
                    break
                if ptext in JOINING_VERBS:
                    break               # 市工业和信息化局 | 会同 | 市科技创新局: two bodies
                if ptext.endswith(_KIND_WORDS) and any(u.strong or u.tag in PROPER_TAGS for u in units[left:i]):
                    break               # 本地企业 | 科伦坡湾集团: the kind of body before a name (session 13)
                if prev.strong and not (prev.term and prev.term.label == "PERSON"):
                    left -= 1
                    continue
                if prev.tag in NOUN_TAGS and HAN.search(ptext) and (ptext not in self.lex.non_entities or ptext in ("量子", "国家")):
                    left -= 1
                    continue
                if prev.tag in ("v", "vn") and len(ptext) == 2 and HAN.fullmatch(ptext[0]) and left - 2 >= 0 and (
                        ((head in MINISTRY_HEADS or head in NAMED_PROGRAMME_HEADS)
                         and (units[left - 2].tag in NOUN_TAGS or units[left - 2].tag in ("TERM", "PLACE")))
                        or (head in PLACE_BODY_HEADS and left == i and units[left - 2].tag == "PLACE")):
                    # 以色列创新局, 巴西开发银行 (session 6): a place, a verb-like field word, the head
                    left -= 1           # 经济和气候保护部: a ministry's field may be a verb (保护, 发展)
                    continue
                if ptext == "、" and head in MINISTRY_HEADS and left - 2 >= 0 and \
                        units[left - 2].tag in NOUN_TAGS and not units[left - 2].strong and conj_used and \
                        re.fullmatch(r"[\u4e00-\u9fff]{2}", text[units[left - 2].start:units[left - 2].end]):
                    left -= 1           # 商业、创新和就业部: a ministry's fields listed with 、 before the last 和
                    continue
                if prev.tag in ("c",) and ptext in ("和", "与") and not conj_used and left - 2 >= 0 and \
                        head not in GOV_HEADS and (units[left - 2].tag in NOUN_TAGS or (
                            # 创新和就业部: a ministry's field may be a verb, after a field listed with 、
                            head in MINISTRY_HEADS and units[left - 2].tag == "v" and left - 3 >= 0
                            and text[units[left - 3].start:units[left - 3].end] == "、"
                            and re.fullmatch(r"[\u4e00-\u9fff]{2}", text[units[left - 2].start:units[left - 2].end]))) \
                        and not units[left - 2].strong and units[left - 2].tag not in ("ORG", "PER") and \
                        self._head_ending(text, units[left - 2].start, units[left - 2].end) is None and \
                        text[units[left - 2].start:units[left - 2].end] not in self.lex.heads:
                    conj_used = True
                    left -= 2 if units[left - 2].tag == "v" else 1     # the verb-like field is passed too
                    continue
                break
            # do not start with a conjunction
            while left < i and text[units[left].start:units[left].end] in ("和", "与"):
                left += 1
            # a name with a place in it starts at the place or at a proper name (优先投向|龙仁半导体集群)
            stop = i if inner_head is None else j
            if any(u.tag in ("PLACE", "LOC") for u in units[left:stop]):
                while left < stop and not (units[left].strong or units[left].tag in ("LOC",) + tuple(PROPER_TAGS)):
                    left += 1
            body = units[left:i] if inner_head is None else units[left:j]
            span = (units[left].start, unit.end)
            surface = text[span[0]:span[1]]
            if surface in self.lex.non_entities:
                continue
            if NUMBER_CLASSIFIER.search(surface) or NUMBER_CLASSIFIER.fullmatch(text[max(span[0] - 2, 0):span[0]]):
                continue                # 台积电一家公司, 一家美国头部AI公司: a description, not a name
            proper = [u for u in body if (u.strong and u.tag != "PLACE") or u.tag in PROPER_TAGS]
            places = [u for u in body if u.tag == "PLACE" or u.tag == "LOC"]
            nouns_len = sum(u.end - u.start for u in body)
            descriptor = head_en[:1].islower()
            ok = False
            if proper or (inner_head is not None and unit.tag in ("nz", "nw") and head != "政府"):
                ok = True               # 省 + 集成电路基金 (the tagger's proper noun ending in a head)
            elif places:
                head_is_bare = inner_head is None and len(head_units) == 1 and text[head_units[0].start:head_units[0].end] == head
                country_only = all(self._is_country(u.term) for u in places if u.term) and len(places) == len(body)
                if head in GOV_HEADS or not head_is_bare or standalone == "noun" or head in PLACE_FACILITY_HEADS:
                    ok = True
                elif standalone == "yes" and not country_only:
                    ok = True
                elif standalone == "yes" and country_only and len(body) > 1:
                    ok = True
                elif label == "ORG" and len(body) > len(places) and \
                        not any(self._is_country(u.term) for u in places if u.term):
                    ok = True           # 湖北省集成电路产业投资基金: a province / city + nouns + head
                elif head in PLACE_BODY_HEADS and body[0].tag == "PLACE" and len(body) > len(places) and (
                        head not in GENERIC_COMPANY_HEADS or head_start - body[0].end >= 4 or any(
                            text[u.start:u.end] in NATIONAL_WORDS for u in body)):
                    ok = True           # 韩国产业银行, 韩国电力公社, 墨西哥国家石油公司, 智利化工矿业公司 (session 6); a
                                        # country + one word + 公司 (加拿大锂矿公司) stays a kind of company
                if label in ("PROGRAM", "EVENT", "FACILITY") and standalone != "yes" and len(body) == len(places) \
                        and head not in PLACE_FACILITY_HEADS:
                    ok = False
            elif standalone == "yes" and nouns_len >= 2:
                ok = True
            elif standalone == "yes" and inner_head is not None and unit.end - unit.start - len(head) >= 2 and \
                    text[unit.start] not in "各全本该外一两多":
                ok = True               # 国家超算中心 tagged as one word
            elif label in ("PROGRAM", "LAW", "FACILITY") and len(body) >= 2 and text[body[0].start:body[0].end] == "国家":
                ok = True               # 国家量子计划, 国家人工智能战略: a national programme by its generic name
            elif head in NAMED_PROGRAMME_HEADS and inner_head is None and len(body) >= 2 and nouns_len >= 4 \
                    and body[0].tag not in ("v", "vn") and PROGRAMME_LAUNCH.search(text, max(span[0] - 12, 0), span[0]):
                ok = True               # 30亿港元人工智能资助计划, 推出原住民贷款担保计划: a programme with its amount
            elif standalone == "noun":
                if inner_head is not None and unit.end - unit.start >= 3 and \
                        text[unit.start] not in "各全本该外一两多" and (not body or text[body[0].start] in "省市区县"):
                    ok = True           # 信访办, 区 + 信访办 (a bare 省 / 市 / 区 / 县: the document's own)
                elif body and nouns_len >= 2 and text[span[0]] not in "各全本该外一两多":
                    ok = True
            if ok and head in GOV_HEADS and body and body[0].tag == "PLACE" and \
                    all(u.tag == "PLACE" or u.end - u.start == 1 for u in body):
                ok = False              # 美国新政府, 日本现内阁: the place is the entity (team convention)
            if ok and head == "政府" and (text[span[0]:head_start] in self.place_by_surface or (
                    inner_head is None and body and len(head_units) == 1 and all(u.tag in ("PLACE", "LOC") for u in body))):
                ok = False              # 日本政府, 湖北省政府: the place is the entity (team convention)
            if not ok:
                continue
            if descriptor:
                # "ABCI-Q超级计算机": the name is the part before the descriptor
                if not body:
                    continue
                span = (units[left].start, head_start)
                if span[1] - span[0] < 2:
                    continue
                label_here = label
                if len(body) == 1 and body[0].term:
                    label_here = body[0].term.label if body[0].term.label not in ("GPE", "LOC") else label
                    if body[0].term.label in ("GPE", "LOC"):
                        continue
                out.append(Candidate(span[0], span[1], label_here, PRIO_CHAIN, "chain"))
                continue
            # "IBM公司", "东芝公司": a known name + bare generic head is the name itself
            if inner_head is None and len(body) == 1 and (body[0].tag == "LATIN" or (body[0].term and body[0].term.origin == "termbase")) \
                    and text[head_units[0].start:unit.end] == head and label == "ORG" and head in ("公司", "集团"):
                b = body[0]
                out.append(Candidate(b.start, b.end, b.term.label if b.term else "ORG", PRIO_CHAIN, "chain", b.term))
                continue
            if len(body) == 1 and body[0].term and body[0].term.origin == "termbase" and body[0].term.label == label \
                    and inner_head is None and text[head_units[0].start:unit.end] == head:
                # "芯片与科学法案" style: a term already ends with its own head word
                pass
            if label == "ORG" and head in DEPARTMENT_HEADS:
                # 某某置业有限公司 + 公关部: a company's department; the company is the name
                company = [u for u in body if text[u.start:u.end].endswith(COMPANY_ENDINGS)]
                if company and company[-1].end - span[0] >= 3:
                    span = (span[0], company[-1].end)
            out.append(Candidate(span[0], span[1], label, PRIO_CHAIN, "chain"))
        return out

    def _foreign_bodies(self, text: str, units: list[Unit]) -> list[Candidate]:
        """A country's name + the short name of a Chinese government body is that country's body:
        加拿大 + 自然资源部, 美国 + 财政部. The termbase's bare 自然资源部 is China's ministry (its
        id starts with "cn."); written after another country's name it is not."""
        out: list[Candidate] = []
        for a, b in zip(units, units[1:]):
            if a.tag == "PLACE" and b.tag == "TERM" and a.end == b.start and a.term is not None \
                    and self._is_nation(a.term) and a.term.name_en != "China" and b.term is not None \
                    and b.term.id.startswith("cn.") and b.term.label == "ORG" \
                    and text[b.start:b.end].endswith(GOVERNMENT_BODY_ENDINGS):
                out.append(Candidate(a.start, b.end, "ORG", PRIO_FOREIGN_BODY, "chain"))
        return out

    @staticmethod
    def _numbered_units(text: str) -> list[Candidate]:
        """Military units named by their number: 8200部队 (Unit 8200)."""
        if "部队" not in text:
            return []
        return [Candidate(m.start(), m.end(), "ORG", PRIO_CHAIN, "chain") for m in NUMBERED_UNIT.finditer(text)]

    def _titles(self, text: str, units: list[Unit]) -> list[Candidate]:
        out: list[Candidate] = []
        for i, unit in enumerate(units):
            surface = text[unit.start:unit.end]
            if surface not in self.lex.titles:
                continue
            # collect up to 4 Han characters after the title
            j = i + 1
            if j >= len(units):
                continue
            first = units[j]
            if first.end - first.start == 1 and j + 1 < len(units) and units[j + 1].tag == "PER" and \
                    units[j + 1].start == first.end and units[j + 1].end - units[j + 1].start == 2 and \
                    text[first.start:first.end] in self._one_char_surnames:
                # 导演 | 许 | 秦豪(PER): a surname the tagger left out of the name after a title
                out.append(Candidate(first.start, units[j + 1].end, "PERSON", PRIO_TITLE, "title"))
                continue
            if first.tag == "PER" and first.end - first.start == 2:
                # 首相 | 石原(PER) | 正 | 久 | 将: a tagger's two-character name cut before the rest of the given
                # name (one or two characters the tagger made words of their own, together no common word, then a
                # verb or a mark) is the whole name
                k, end = j + 1, first.end
                while k < len(units) and units[k].start == end and units[k].end - first.start <= 4 \
                        and units[k].tag in ("n", "nz", "nr", "d", "ad", "a") and HAN_WORD.fullmatch(text[units[k].start:units[k].end]):
                    end = units[k].end
                    k += 1
                word = text[first.end:end]
                if word and k < len(units) and units[k].tag in ("v", "p", "w", "vd") and word[0] not in NAME_STOP_FIRST \
                        and dictionary_tag(word) is None and not is_common_word(text[first.start:end]):
                    out.append(Candidate(first.start, end, "PERSON", PRIO_TITLE, "title"))
                continue
            if first.tag in ("PER",) or (first.term and first.term.label == "PERSON"):
                continue  # the tagger / termbase already has the name
            if first.tag not in ("n", "nz", "nr", "LOC", "ORG") or first.strong:
                continue
            ftext = text[first.start:first.end]
            if not HAN.fullmatch(ftext[0]) or ftext[0] in NAME_STOP_FIRST:
                continue
            end = first.end
            k = j + 1
            while k < len(units) and units[k].end - first.start <= 4 and units[k].tag in ("n", "nz", "d", "ad", "a", "nr", "vn") \
                    and HAN_WORD.fullmatch(text[units[k].start:units[k].end]):
                end = units[k].end
                k += 1
            after = units[k] if k < len(units) else None
            if not 2 <= end - first.start <= 4:
                continue
            if after is not None and after.tag not in ("v", "p", "w", "d", "c", "u", "TIME", "vd") and not text[after.start:after.end] in ("表示", "说"):
                continue
            name = text[first.start:end]
            if name in self.lex.titles or name in self.lex.non_entities or is_frequent_word(name) or \
                    (dictionary_tag(name) or "")[:1] in ("l", "i"):   # 出席会议 (l): a set phrase, not a name
                continue            # 博士研究生: an ordinary word after the title, not a name
            if any(name.endswith(t) for t in self.lex.titles if len(name) - len(t) < 2):
                continue            # 市长任组长: another role word, not a name
            if k - j >= 2 and all(u.end - u.start >= 2 and is_common_word(text[u.start:u.end]) for u in units[j:k]):
                continue            # 记者 | 亲身 | 体验: two ordinary words after the title, not a name (session 11)
            out.append(Candidate(first.start, end, "PERSON", PRIO_TITLE, "title"))
        return out

    def _strip_titles(self, text: str, cand: Candidate) -> Candidate | None:
        surface = text[cand.start:cand.end]
        joined = _joined_function_char(surface)
        if joined:
            # 老雷德克纳普, 杰瑞布凯默继: a transliterated name and a word the tagger joined to it
            cand = Candidate(cand.start + (joined < 0), cand.end - (joined > 0), cand.label, cand.prio, cand.source,
                             cand.term)
            surface = text[cand.start:cand.end]
        # the first title of titles_by_len that the surface starts or ends with (starts first), leaving two
        # characters or more: per length, the surface's own first and last characters looked up
        rank = self._title_rank
        for n in self._title_lengths:
            if len(surface) - n < 2:
                continue
            front, back = surface[:n], surface[-n:]
            if front in rank and (back not in rank or rank[front] <= rank[back]):
                return Candidate(cand.start + n, cand.end, cand.label, cand.prio, cand.source, cand.term)
            if back in rank:
                return Candidate(cand.start, cand.end - n, cand.label, cand.prio, cand.source, cand.term)
        return cand

    def _brackets(self, text: str) -> list[Candidate]:
        out: list[Candidate] = []
        for m in re.finditer(r"《([^《》\n]{2,40})》", text):
            inner = m.group(1)
            s, e = m.span(1)
            # a plan's years: 《…行动方案（2026—2028年）》 names the plan without the bracket; 《关键矿产战略2023—2030》
            # keeps its years (session 6)
            years = TITLE_YEARS.search(inner)
            if years is not None:
                if years.group(1) is not None:
                    e -= len(years.group())
                    inner = inner[:years.start()]
                else:
                    inner = inner[:years.start()].rstrip()
            label = None
            for head in self.heads_by_len:
                if inner.endswith(head) and self.lex.heads[head][0] in ("LAW", "PROGRAM"):
                    label = self.lex.heads[head][0]
                    break
            if label is None and re.search(r"\b(Act|Law|Bill)$", inner):
                label = "LAW"
            if label is None and len(inner) >= 3:
                # 《可再生能源指令》, 《电池法规》, 《低碳氢法律框架》: a law; 《…行动方案》: a plan; 《海峡时报》: a paper
                label = next((lab for lab, ends in TITLE_ENDINGS if inner.endswith(ends)), None)
            if label:
                out.append(Candidate(s, e, label, PRIO_BRACKET, "bracket"))
                # 《工业日报》（Dagens industri）: the title's own name in brackets, whatever the case of its words
                original = TITLE_ORIGINAL.match(text, m.end())
                if original:
                    out.append(Candidate(original.start(1), original.end(1), label, PRIO_BRACKET, "bracket"))
        return out

    def _quoted_with_alias(self, text: str, units: list[Unit]) -> tuple[list[Candidate], list[tuple[tuple[int, int], tuple[int, int]]]]:
        out: list[Candidate] = []
        pairs = []
        for m in re.finditer(r"[“「\"]([^“”「」\"\n，。,]{2,24})[”」\"]\s*[(（]\s*([A-Za-z][A-Za-z0-9&\-. ]{0,30}?)\s*[)）]", text):
            name_span, alias_span = m.span(1), m.span(2)
            inner = m.group(1)
            label = "ORG"
            for head in self.heads_by_len:
                if head in inner and self.lex.heads[head][0] == "ORG" and len(head) >= 2:
                    label = "ORG"
                    break
                if inner.endswith(head):
                    label = self.lex.heads[head][0]
                    break
            alias_units = [u for u in units if u.start == alias_span[0] and u.end == alias_span[1] and u.term]
            if alias_units:
                label = alias_units[0].term.label
            out.append(Candidate(*name_span, label, PRIO_QUOTED, "quoted"))
            out.append(Candidate(*alias_span, label, PRIO_QUOTED, "quoted", alias_units[0].term if alias_units else None))
            pairs.append((name_span, alias_span))
        return out, pairs

    def _quoted_names(self, text: str) -> list[Candidate]:
        """A quoted name is a programme when it ends with a programme head (“氢能启动计划”, “墨西哥计划”, “千帆星座”)
        or is written right before one (“EV3.5”计划, “万人工程师”培养计划, “鸿鹄-3”星座), an event when written
        before a meeting word (“未来投资倡议”大会), a product when it ends with a model number (“朱雀三号”). Other
        quoted phrases (“卡脖子”, “国家队”) are left alone."""
        out: list[Candidate] = []
        if "“" not in text and "「" not in text:
            return out
        labels: dict[str, str] = {}
        unlabelled: list[tuple[int, int, str]] = []
        for m in QUOTED_NAME.finditer(text):
            inner = m.group(1)
            s, e = m.span(1)
            after = text[m.end():m.end() + 4]
            if after.startswith(QUOTED_EVENT_NEXT):
                label = "EVENT"
            elif NUMBERED_MODEL.search(inner) and HAN.match(inner):
                label = "PRODUCT"       # “朱雀三号”, “猎鹰9号”: a numbered model (a rocket, a vehicle)
            elif after.startswith(QUOTED_PROGRAM_NEXT) or inner.endswith(PROGRAM_HEADS_QUOTED):
                label = "PROGRAM"
            elif after.startswith(QUOTED_PLACE_NEXT) and HAN_WORD.fullmatch(inner):
                label = "LOC"           # “火环”矿区: a named area
            elif after.startswith(QUOTED_FACILITY_NEXT) and not inner.startswith(QUOTED_FACILITY_NEXT):
                label = "FACILITY"      # “星门”数据中心, “北溪”管道: a named facility (session 11)
            else:
                unlabelled.append((s, e, inner))
                continue
            if inner in PROGRAM_HEADS_QUOTED or inner in self.lex.non_entities or inner.startswith(("这", "该", "本", "此")):
                continue
            out.append(Candidate(s, e, label, PRIO_QUOTED, "quoted"))
            labels.setdefault(inner, label)
        # the same quoted name written again without its cue (“火环”矿区 … “火环”是缩影) is the same name
        out += [Candidate(s, e, labels[inner], PRIO_QUOTED, "quoted") for s, e, inner in unlabelled if inner in labels]
        return out

    def _bare_bodies(self, text: str) -> list[Candidate]:
        """省 / 市 + a standard body (省科技厅, 经省政府同意, 市财政局, 省产业基金) in a document that names a
        province (…省) / city (…市) elsewhere: the document's own body (named from `doc_places`)."""
        out: list[Candidate] = []
        named: dict[str, bool] = {}
        for m in self._bare_body.finditer(text):
            unit, before = m.group(1), text[m.start() - 1:m.start()]
            verb_before = text[max(m.start() - 2, 0):m.start()]
            if HAN.match(before) and before not in LEADING_VERB_CHARS and before not in LEADING_FUNCTION_CHARS and \
                    not (len(verb_before) == 2 and (verb_before in ("代表", "报经") or tag_is_verb(verb_before))):
                continue        # 浙江省财政厅, 全省, 节省, 城市: not a bare 省 / 市 (我代表 | 省人民政府, 报请 | 省政府: bare)
            if unit not in named:
                named[unit] = any(p[-k:] in self.place_by_surface for p in re.findall(r"[\u4e00-\u9fff]{2,4}(?=" + unit + ")", text)
                                  for k in (2, 3, 4))
            if named[unit]:
                # above a term for the body alone: 省发改委 is the province's commission, not the national 发改委
                out.append(Candidate(m.start(), m.end(), "ORG", PRIO_TERM + 0.25, "rule"))
        for m in BARE_LEGISLATURE.finditer(text):
            # 议案仍在国会审议, 提交议会表决: the legislature of the country the document is about (session 11)
            before = text[m.start() - 1:m.start()]
            if not HAN.match(before) or before in LEADING_VERB_CHARS or before in LEADING_FUNCTION_CHARS \
                    or text[max(m.start() - 2, 0):m.start()] in ("提交", "通过", "获得"):
                out.append(Candidate(m.start(), m.end(), "ORG", PRIO_TERM, "rule"))
        return out

    def byline_pieces(self, roles: tuple[str, ...], value: str) -> list[tuple[int, int, str]]:
        """The names in one byline field's value (作者：张三、李四; 来源：欧亚观察专栏), each as (start, end, kind)
        within the value: PERSON for a person-sized name in an author, editor or reviewer field, ORG for an
        outlet, a source or a name with an organisation's head."""
        out: list[tuple[int, int, str]] = []
        for m in re.finditer(r"[^/、,，;；&\s]+(?:[\s-][^/、,，;；&\s(（]+)*", value):
            piece = re.split(r"[(（]", m.group())[0].strip()
            if "source" in roles and len(piece) >= 4 and piece.endswith(("专栏", "栏目")):
                piece = piece[:-2]      # 欧亚观察专栏: the column is 欧亚观察
            if len(piece) < 2 or piece in self.lex.non_entities:
                continue
            kind = "PERSON"
            if re.search(r"-", piece) and HAN.search(piece):
                kind = "ORG"
            elif HAN.search(piece) and not 2 <= len(piece) <= 4 and "·" not in piece:
                kind = "ORG"
            elif ("source" in roles or "publisher" in roles) and "author" not in roles:
                kind = "ORG"
            elif any(piece.endswith(h) for h in self.lex.heads) or piece.endswith(("频道", "网", "社", "报", "号")):
                kind = "ORG"
            out.append((m.start(), m.start() + len(piece), kind))
        return out

    def _bylines(self, text: str) -> list[Candidate]:
        try:
            from pipeline.ingest import parse_byline_line
        except Exception:  # pragma: no cover - ingest not available
            parse_byline_line = None
        out: list[Candidate] = []
        pos = 0
        for line in text.split("\n"):
            parsed = parse_byline_line(line) if parse_byline_line else None
            fields = [parsed] if isinstance(parsed, tuple) else list(parsed or [])
            search_from = 0
            for roles, _label, value in fields:
                vstart = line.find(value, search_from)
                if vstart < 0 or roles == ("other",):
                    continue
                search_from = vstart + len(value)
                for start, end, kind in self.byline_pieces(roles, value):
                    out.append(Candidate(pos + vstart + start, pos + vstart + end, kind, PRIO_BYLINE, "byline"))
            pos += len(line) + 1
        for m in WECHAT_HEADER.finditer(text):
            if m.group("author"):
                out.append(Candidate(m.start("author"), m.end("author"), "PERSON", PRIO_BYLINE, "byline"))
            out.append(Candidate(m.start("account"), m.end("account"), "ORG", PRIO_BYLINE, "byline"))
        for m in WEIBO_HEADER.finditer(text):
            out.append(Candidate(m.start("account"), m.end("account"), "ORG", PRIO_BYLINE, "byline"))
            if m.group("client"):
                out.append(Candidate(m.start("client"), m.end("client"), "PRODUCT", PRIO_BYLINE, "byline"))
        return out

    def _statistical(self, text: str, start: int, end: int, tag: str) -> Candidate | None:
        """The candidate for a word the tagger calls PER / ORG / LOC, or None when it is not a name."""
        surface = text[start:end]
        if surface in self.lex.non_entities:
            return None
        if tag in ("LOC", "ORG") and self.lex.is_country_contraction(surface):
            return None             # 中美, 法德两国: countries' short forms run together (the tagger's ORG too)
        if tag == "PER" and (len(surface) < 2 or not HAN.search(surface) or is_frequent_word(surface)):
            return None             # 研究生: an ordinary word the tagger took for a name
        if tag in ("ORG", "LOC") and NUMBER_CLASSIFIER.search(surface):
            return None             # 台积电一家公司: a description, not a name
        if tag in ("ORG", "LOC") and len(surface) < 2:
            return None             # 港, 京: one-character short forms are not names alone
        if len(surface) == 2 and surface[0] in PROVINCE_VISIT_VERBS and surface[1] in PROVINCE_SHORT_CHARS:
            return None             # 来川, 涉疆: a verb and a province's short form, not a name (session 11)
        if tag in ("ORG", "LOC") and len(surface) >= 4 and self.lex.is_country_contraction(surface[:2]) and \
                is_common_word(surface[2:]) and self.lex.heads.get(surface[2:], ("",))[0] != "ORG":
            return None             # 中乌 | 农产品, 中秘 | 两国: countries' short forms and an ordinary word (session 11);
                                    # but 美日 | 银行, 中德 | 证券: before an organisation's head they name a company
        if tag in ("ORG", "LOC") and surface.endswith("地产") and len(surface) > 2:
            if is_frequent_word(surface[:-2], 500):
                return None         # 商业地产, 住宅地产: a kind of property, not a company
            tag = "ORG"             # 润泽地产: a property company, whatever the tagger called it
        if tag == "LOC" and len(surface) >= 3 and (dictionary_tag(surface[-2:]) or "")[:1] == "v" and \
                not (dictionary_tag(surface) or "").startswith("ns"):
            return None             # 华 | 扩产: a place's short form and the verb after it that the tagger joined to it
                                    # (a place jieba lists whose end is also a verb stays: 几内亚比绍; session 13)
        if tag == "LOC" and len(surface) >= 4 and surface[-1] in ROAD_POSTPOSITIONS and surface[-2] in ROAD_LAST_CHARS:
            end -= 1                # 南滨路上, 长安街里: a road and the postposition the tagger joined to it
        label = {"PER": "PERSON", "ORG": "ORG"}.get(tag) or self._label_for_place(text, start, end)
        c = Candidate(start, end, label, PRIO_STAT, "statistical")
        if label == "PERSON":
            c = self._strip_titles(text, c)
        return c

    def _country_with_generic_head(self, surface: str) -> tuple[Term, int] | None:
        """(country, length of its name) when `surface` is a country's name + a generic head,
        maybe with an ordinary word before the head (美国金融机构, 日本科技公司)."""
        for head in COUNTRY_GENERIC_HEADS:
            if surface.endswith(head):
                for form in self._country_prefixes(surface):
                    if len(surface) > len(form) + len(head) - 1:
                        middle = surface[len(form):-len(head)]
                        # 英国大学 (British universities) but 中国科技大学 is a university's name
                        if not middle or (is_common_word(middle) and head not in ("大学", "学院", "高校")):
                            return self.place_by_surface[form], len(form)
        return None

    @staticmethod
    def _leading_verb(surface: str) -> int:
        """Length of a verb or preposition written before a government body's place prefix (会同 |
        市统计局, 须经 | 省…委员会, 向 | 市…局), or 0: the rest must start with 省 / 市 / 区 / 县 and
        end like an organisation."""
        for n in (2, 1):
            head, rest = surface[:n], surface[n:]
            if len(rest) >= 3 and rest[0] in "省市区县" and rest[-1] in ORG_SUFFIX_CHARS and (
                    all(ch in LEADING_VERB_CHARS for ch in head) or tag_is_verb(head)):
                return n
        return 0

    def _form_of_address(self, surface: str) -> bool:
        """A surname with a title or a kinship word (张经理, 李总, 王主任, 陈某, 江先生) or 老 / 小
        + surname (老刘): how someone is addressed, not their name."""
        if len(surface) == 2 and surface[0] in "老小" and surface[1] in self.lex.surnames:
            return True
        if surface[:1] in self.lex.surnames or surface[:2] in self.lex.surnames:
            rest = surface[2:] if surface[:2] in self.lex.surnames else surface[1:]
            return rest in ADDRESS_WORDS or (rest in self.lex.titles and HAN.match(rest) is not None)
        return False

    def _org_ending(self, rest: str) -> bool:
        """Whether the words after a place can make it an organisation's name: an organisation
        head (银行, 研究所) or a word ending in a character that ends organisation names
        (海军, 电视台, 外交部, 日报)."""
        if not rest:
            return True
        for n in self.head_lengths:
            head = rest[-n:]
            if len(rest) >= n and head in self.lex.heads and self.lex.heads[head][0] == "ORG":
                return True
        if rest.endswith("中心") and len(rest) >= 4 and not any(
                rest.endswith(h) for h, (label, _en, _s) in self.lex.heads.items() if label != "ORG"):
            return True             # 北京市 + 福利彩票发行中心 (but 印度 + 数据中心, a facility)
        return rest[-1] in ORG_SUFFIX_CHARS

    def _generic_company(self, surface: str) -> bool:
        """An ordinary word + 公司 / 集团 / 企业 (初创公司, 科技集团, 上市公司) names a kind of
        company, not one company; a word jieba counts rarely (鹈鹕公司) is the company's name (session 13)."""
        for head in GENERIC_COMPANY_HEADS:
            if surface.endswith(head) and len(surface) > len(head):
                body = surface[:-len(head)]
                return is_frequent_word(body, RARE_COMPANY_STEM) and body not in self.place_by_surface
        return False

    # ------------------------------------------------------------------ main
    def find(self, text: str, tokens: Sequence[tuple[int, int]]) -> Found:
        words = self.tagger(text, tokens) if self.tagger else [(s, e, "n") for s, e in tokens]
        words = _split_versus(text, words)
        words = _complete_short_orgs(text, words)
        words = _split_run_on_government(text, words)
        words = _split_joined_words(text, words)
        units = self.units(text, words, tokens)
        cands: list[Candidate] = []
        blocked: list[tuple[int, int]] = []
        ambiguous = self.lex.ambiguous_short_names
        confirmed: set[int] = set()
        named_ends: set[int] = set()
        named_starts: set[int] = set()
        # the gazetteer and Latin units (most units are the tagger's ordinary words, which the loops below pass over)
        strong_units = [u for u in units if u.tag in _STRONG_TAGS]
        for u in strong_units:
            if (u.tag == "TERM" or u.tag == "LATIN") and text[u.start:u.end] not in ambiguous:
                if u.tag == "TERM":
                    confirmed.add(id(u.term))
                named_ends.add(u.end)
                named_starts.add(u.start)
        token_by_end: dict[int, int] | None = None
        # only the units the branches below act on: a gazetteer, Latin or name unit, or a word ending in 政府
        for u in [u for u in units if u.tag in _FIND_TAGS or (u.tag == "n" and text.endswith("政府", u.start, u.end))]:
            surface = text[u.start:u.end]
            if u.tag == "DEMONYM":
                blocked.append((u.start, u.end))
            elif u.tag == "TERM":
                if surface in ambiguous and id(u.term) not in confirmed \
                        and not COMPANY_CONTEXT.match(text, u.end) \
                        and not (u.start > 0 and text[u.start - 1] in "、与和及" and u.start - 1 in named_ends) \
                        and not (text[u.end:u.end + 1] in ("、", "与", "和", "及") and u.end + 1 in named_starts):
                    continue    # 浪潮 in 量子浪潮, 小米 in 小米粥: a company's short name that is also a word
                cands.append(Candidate(u.start, u.end, u.term.label, PRIO_TERM, "termbase", u.term))
            elif u.tag == "PLACE":
                cands.append(Candidate(u.start, u.end, u.term.label, PRIO_PLACE, "places", u.term))
            elif u.tag == "LATIN":
                if SHORT_LATIN.fullmatch(surface) and u.start > 0 and text[u.start - 1] not in CLAUSE_START:
                    continue    # 在PC和…, 拿FB: one or two letters not in the termbase are a name only starting a clause (GL在…)
                if u.start > 1 and text[u.start - 1] in "（(" and text[u.end:u.end + 1] in ("）", ")") and \
                        TERM_ACRONYM.fullmatch(surface):
                    if token_by_end is None:
                        token_by_end = {e: s for s, e in tokens}
                    ts = token_by_end.get(u.start - 1)
                    before = text[ts:u.start - 1] if ts is not None else ""
                    if len(before) >= 2 and is_common_word(before) and before[-1] not in ORG_SUFFIX_CHARS and \
                            self._head_at(text, u.start - 1, {ts}) is None and self._head_ending(text, ts, u.start - 1) is None \
                            and not before.endswith(PROGRAM_CONTEXT) and before not in self.place_by_surface:
                        continue    # 贷款市场报价利率（LPR）, 直接提锂（DLE）: an acronym restating a term, not a name
                                    # (session 6; a name's restatement follows the name: 国际金融公司（IFC）)
                cands.append(Candidate(u.start, u.end, self._latin_label(text, u), PRIO_LATIN, "latin"))
            elif u.tag in ("ORG", "n", "nz") and surface.endswith("政府") and surface[:-2] in self.place_by_surface:
                # 日本政府: the place is the entity (team convention, as in OntoNotes)
                place = self.place_by_surface[surface[:-2]]
                cands.append(Candidate(u.start, u.end - 2, place.label, PRIO_PLACE, "places", place))
            elif u.tag in ("PER", "ORG", "LOC"):
                c = self._statistical(text, u.start, u.end, u.tag)
                if c is not None:
                    cands.append(c)
        # a tagger's ORG / LOC word that a gazetteer hit split into units (北京 | 银行) is still a
        # candidate as a whole; it wins below when it contains whole gazetteer units and crosses none
        named_words = [w for w in words if w[2] == "ORG" or w[2] == "LOC"]
        unit_spans = set(zip(map(_START, units), map(_END, units))) if named_words else set()
        for s, e, tag in named_words:
            if (s, e) not in unit_spans:
                c = self._statistical(text, s, e, tag)
                if c is not None:
                    cands.append(c)
        # a statistical ORG/LOC that contains whole gazetteer units and crosses none is preferred (东京大学)
        strong_starts = [u.start for u in strong_units]
        for c in cands:
            if c.source == "statistical" and c.label != "PERSON":
                k = max(bisect.bisect_left(strong_starts, c.start) - 1, 0)
                near = []
                while k < len(strong_units) and strong_units[k].start < c.end:
                    near.append(strong_units[k])
                    k += 1
                inside = [u for u in near if c.start <= u.start and u.end <= c.end]
                crossing = [u for u in near if _overlaps((u.start, u.end), (c.start, c.end))
                            and not (c.start <= u.start and u.end <= c.end)]
                if inside and not crossing and c.end - c.start > max(u.end - u.start for u in inside):
                    c.prio = PRIO_STAT_CONTAINING
                    if (inside[-1].end == c.end - 1 and _rest_tag(text[c.end - 1]) in STRUCTURE_TAGS) or (
                            inside[0].start == c.start + 1 and _rest_tag(text[c.start]) in STRUCTURE_TAGS):
                        c.end = c.start     # 港交所为: a name and a preposition the tagger joined to it
                if c.label == "ORG" and inside and inside[0].tag == "PLACE" and inside[0].start == c.start \
                        and not self._org_ending(text[inside[0].end:c.end]):
                    c.end = c.start     # 印度数据中心, 中国软件: a place + a thing, not an organisation
                if c.label == "ORG" and inside and inside[0].tag == "TERM" and inside[0].term.label == "ORG" \
                        and inside[0].start == c.start and inside[-1].end < c.end \
                        and (dictionary_tag(text[inside[-1].end:inside[-1].end + 2]) or "n")[:1] in "sfvpd":
                    c.end = c.start     # 台积电 | 海外设厂, 宁德时代 | 扩产: a listed company and what it does or where,
                                        # not a longer name (session 13)
                if c.label == "ORG" and len(inside) == 2 and inside[0].tag == "PLACE" and inside[0].start == c.start \
                        and (self._is_nation(inside[0].term) or inside[0].term.name_en in CONTINENTS) \
                        and inside[1].tag == "TERM" and inside[1].term.label == "ORG" \
                        and inside[1].start == inside[0].end and inside[1].end == c.end \
                        and not inside[1].term.id.startswith("cn."):
                    c.end = c.start     # 美国西屋公司: the country and a listed company, two mentions
                if c.label in ("GPE", "LOC") and len(inside) >= 2 and inside[0].tag == "PLACE" and inside[0].start == c.start \
                        and self._is_nation(inside[0].term) and inside[1].tag == "PLACE" and inside[1].start == inside[0].end:
                    c.end = c.start     # 南非北开普省: a country and a listed place of it, two mentions
                if c.label in ("GPE", "LOC") and inside and inside[0].tag == "PLACE" and inside[0].start == c.start \
                        and inside[-1].end < c.end and not text[inside[-1].end:c.end].endswith(PLACE_ENDINGS) \
                        and (dictionary_tag(text[inside[-1].end:c.end]) or "")[:2] != "ns":
                    c.end = c.start     # 硅谷风投: a place + a thing, not a longer place (海南三亚: a place + a
                                        # place jieba lists, 三亚, is one address)
                if text.startswith("政府", c.end - 2) and len(inside) == 1 and inside[0].tag == "PLACE" and \
                        inside[0].start == c.start and (inside[0].end == c.end - 2 or (
                            inside[0].end == c.end - 3 and text[c.end - 3] in "省市县州")):
                    c.end = c.start     # 日本政府: the place is the entity (team convention); dropped below
        cands += self._foreign_bodies(text, units)
        cands += self._numbered_units(text)
        cands += self._chains(text, units)
        cands += self._titles(text, units)
        cands += self._brackets(text)
        quoted, pairs = self._quoted_with_alias(text, units)
        cands += quoted
        cands += self._quoted_names(text)
        cands += self._bylines(text)
        bare = self._bare_bodies(text)
        cands += bare
        bare_starts = {c.start for c in bare}
        cands += [Candidate(m.start(1), m.end(1), "ORG", PRIO_BYLINE, "byline") for m in REPORTER_OUTLET.finditer(text)]
        datelines = self._datelines(text)
        cands += datelines
        cands += self._speakers(text)
        cands += self._pseudonyms(text, tokens)
        # where a dateline's 电 / 讯 stands (after the outlet's date): a tagger joins it to the next name
        dateline_ends = {m.end() - 1 for m in DATELINE_DATE.finditer(text)} if datelines else set()
        # resolve
        cands.sort(key=lambda c: (-c.prio, -(c.end - c.start), c.start))
        chosen: list[Candidate] = []
        taken = bytearray(len(text) + 1)
        for c in cands:
            surface = text[c.start:c.end]
            if surface != surface.strip():
                # a candidate reaching over a line break ("\n\n新华社" from a tagger window): the name only
                c.start += len(surface) - len(surface.lstrip())
                c.end -= len(surface) - len(surface.rstrip())
            if c.start in dateline_ends and c.end - c.start > 3:
                c.start += 1            # 9月12日讯 | 美国国会…: the 讯 / 电 ends the dateline, not the name
            if c.source == "chain" and c.end - 1 in bare_starts and c.start < c.end - 1:
                continue                # 代表 + 省 | 人民政府: the 省 starts the document's own body (session 10)
            if c.source == "chain" and c.end - c.start >= 4 and (text[c.start] in LEADING_VERB_CHARS or
                                                                text[c.start] in LEADING_FUNCTION_CHARS) \
                    and self._bare_body.fullmatch(text, c.start + 1, c.end):
                c = Candidate(c.start + 1, c.end, c.label, c.prio, c.source, c.term)   # 经 | 省人民政府 (session 10)
            if c.end <= c.start or any(taken[c.start:c.end]) or "\n" in text[c.start:c.end]:
                continue
            if any(b[0] <= c.start and c.end <= b[1] for b in blocked):
                continue
            surface = text[c.start:c.end]
            if surface in self.lex.non_entities or not surface.strip() or surface in self.lex.currency_words:
                continue
            if surface in self._currency_tails and (AMOUNT_BEFORE.search(text, max(c.start - 3, 0), c.start)
                                                    or CURRENCY_AFTER.match(text, c.end)):
                continue                # 约合49亿 | 索尔: the currency's short name after an amount (session 11);
                                        # 比尔对美元贬值: before its exchange rate (session 13)
            if surface[0] in "万亿" and c.start and text[c.start - 1].isdigit() and (
                    surface[1:] in self._currency_tails or surface[1:] in self.lex.currency_words):
                continue                # 400 | 亿克朗: the amount's unit and its currency (session 13)
            if c.label == "ORG" and surface.endswith("部") and text[c.end:c.end + 1] == "门":
                continue                # 两国农业部 | 门: 部门 "departments", not a ministry (session 11)
            if c.label == "ORG" and surface.endswith("控股") and len(surface) >= 6 and c.term is None and \
                    text[c.end:c.end + 1] == "的" and "由" in text[max(c.start - 2, 0):c.start]:
                # 由中远海运港口 | 控股的: "held by", a verb, not a holding company's name (session 11)
                c = Candidate(c.start, c.end - 2, c.label, c.prio, c.source, c.term)
                surface = text[c.start:c.end]
            if surface == "北约" and c.start and text[c.start - 1] in "以向往偏" and text[c.end:c.end + 1].isdigit():
                continue                # 利马以北 | 约80公里: a direction and 约 "about", not NATO (session 11)
            if surface in SELF_REFERENCES or (len(surface) == 2 and surface[1] == "方" and
                                              surface[0] in self.lex.contraction_chars):
                continue                # 我国, 美方, 澳方: a reference to a country, not its name (neither the team's
                                        # annotators nor CLUENER mark them; session 6)
            if c.label == "PERSON" and c.source in ("statistical", "title") and (
                    self._form_of_address(surface) or _inside_title_marks(text, c.start, c.end) or
                    (c.source == "statistical" and len(surface) == 2 and surface[0] in self.lex.surnames
                     and self._title_at(text, c.end - 1))):
                continue                # 李总, 张经理, 老刘; a name inside a 《》 title (a work's title); a
                                        # surname and a title's first character the tagger took for a name
                                        # (傅主 | 编: 主编, session 9)
            if c.label in ("GPE", "LOC") and c.source in ("statistical", "places") and \
                    _inside_title_marks(text, c.start, c.end) and not _policy_title(text, c.end):
                continue                # 《美国陆军3》, 《雁荡瀑布》: a place inside a work's title is part of the
                                        # title; a law's or a plan's title names its place (《深圳市…措施》)
            if c.label == "ORG" and _inside_title_marks(text, c.start, c.end) and not _policy_title(text, c.end) \
                    and not (text[c.start - 1:c.start] == "《" and text[c.end:c.end + 1] == "》"):
                continue                # 《美国陆军3》 (a game): an organisation's name inside a longer work's
                                        # title is part of the title; 《人民日报》 is the paper itself
            if text.startswith("$", c.end) and re.fullmatch(r"[A-Z]{1,3}", surface):
                continue                # US$, HK$: a currency sign, not a place
            if c.label == "ORG" and c.source in ("statistical", "chain"):
                country = self._country_with_generic_head(surface)
                if country is not None:
                    # 英国大学, 日本企业: a country's universities / companies; the country is the entity
                    c = Candidate(c.start, c.start + country[1], country[0].label, PRIO_PLACE, "places", country[0])
                    surface = text[c.start:c.end]
            if c.label in ("ORG", "GPE", "LOC") and c.source in ("statistical", "chain"):
                lead = self._leading_verb(surface)
                if lead:
                    # 会同 | 市统计局, 请径向 | 市工业和信息化局: a verb the tagger joined to the name
                    c = Candidate(c.start + lead, c.end, c.label, c.prio, c.source, c.term)
                    surface = text[c.start:c.end]
                    if any(taken[c.start:c.end]):
                        continue
            if c.label == "ORG" and c.source in ("statistical", "chain"):
                m = APPOSITIVE_KIND.search(surface)
                if m and surface[-1] in ORG_SUFFIX_CHARS and len(surface) - m.end() >= 3:
                    # 注册管理部门 | 虹口区教育局: the kind of body written before the body's name (session 9)
                    c = Candidate(c.start + m.end(), c.end, c.label, c.prio, c.source, c.term)
                    surface = text[c.start:c.end]
                    if any(taken[c.start:c.end]):
                        continue
            if c.source == "statistical" and surface.endswith(TRAILING_VERBS) and c.term is None:
                verb = next(v for v in TRAILING_VERBS if surface.endswith(v))
                if len(surface) - len(verb) >= 2:
                    # 广电运通 | 协办: a verb the tagger joined to the end of the name (session 9)
                    c = Candidate(c.start, c.end - len(verb), c.label, c.prio, c.source, c.term)
                    surface = text[c.start:c.end]
            if c.label in ("GPE", "LOC") and c.source == "statistical" and any(
                    surface.endswith(t) and len(surface) > len(t) for t in self.titles_by_len if len(t) >= 2):
                continue                # 韩副行长: a surname and a title, not a place
            if c.label == "ORG" and c.source in ("statistical", "chain") and (
                    self._generic_company(surface) or NUMBER_CLASSIFIER.fullmatch(text[max(c.start - 2, 0):c.start])):
                continue                # 初创公司, 科技集团, 一家…公司: a kind of company, not a name
            if c.label == "ORG" and c.source == "statistical" and surface.endswith("厂") and len(surface) >= 4 and \
                    any(surface.endswith(h) and len(surface) > len(h) for h in self._plant_heads):
                c = Candidate(c.start, c.end, "FACILITY", c.prio, c.source, c.term)   # 乌尔巴冶金厂: a plant (session 7)
            if c.label == "ORG" and c.source == "latin" and text.startswith(PROGRAM_CONTEXT, c.end):
                c.label = "PROGRAM"     # H2Global机制, Hy2Infra项目
            if c.label in ("PROGRAM", "LAW"):
                version = VERSION.match(text, c.end)
                if version and not any(taken[c.end:version.end()]):
                    c = Candidate(c.start, version.end(), c.label, c.prio, c.source, c.term)   # 国家人工智能战略2.0
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.sort(key=lambda c: c.start)
        for k, c in enumerate(chosen):
            if c.label == "PERSON" and c.source == "statistical" and "·" not in text[c.start:c.end] \
                    and LISTED_PLACES.match(text, c.end):
                chosen[k] = Candidate(c.start, c.end, "GPE", c.prio, c.source, c.term)    # 胡胡伊等省份
        chosen = self._described_names(text, chosen)
        chosen = self._company_names(text, chosen)
        chosen = self._registered_company_names(text, chosen)
        chosen = _company_organs(text, chosen)
        chosen = _hyphenated_restatements(text, chosen)
        chosen = self._bracket_restatements(text, chosen, tokens)
        chosen = self._listed_bodies(text, chosen)
        chosen = self._bracketed_short_forms(text, chosen)
        chosen = self._restated_places(text, chosen)
        if "〔" in text or "[" in text:
            # 津滨政办发〔2026〕27号: the issuing office's code in a document number, not a name (session 10)
            codes = [m.span(1) for m in DOCUMENT_CODE.finditer(text)]
            chosen = [c for c in chosen if c.term is not None or
                      not any(s <= c.start and c.end <= e for s, e in codes)]
        chosen = self._table_cells(text, chosen)
        chosen = self._coordinated_places(text, units, chosen, taken)
        chosen = self._campus_names(text, chosen)
        chosen = self._branches(text, chosen)
        chosen = self._span_conventions(text, chosen, tokens)
        chosen = self._venues(text, chosen, tokens)
        chosen = self._listed_companies(text, chosen)
        chosen = _company_arms(text, chosen)
        chosen = _numbered_divisions(text, chosen)
        chosen = _fields_joined_by_ji(text, chosen)
        chosen = _place_like_persons(text, chosen)
        chosen = self._ministry_departments(text, chosen)
        chosen = self._institution_units(text, chosen)
        chosen = self._park_cities(text, chosen)
        chosen = self._states_of_cities(text, chosen)
        chosen = self._analyst_fields(text, chosen)
        chosen = self._mainland_seen_from_hong_kong(text, chosen)
        chosen = self._japanese_given_names(text, chosen)
        chosen = self._repeat_names(text, chosen, self._short_forms(text, chosen))
        chosen = self._port_towns(text, chosen)
        if self.voter is not None and _sports_cue(text):
            chosen = self.voter.teams(text, chosen, tokens,
                                      lambda c: _sports_cue(text, *_line_around(text, c.start, c.end)), _line_around)
        chosen = _sports_teams(text, chosen)
        chosen = _bookmakers(text, chosen)
        chosen = self._extend_dotted_names(text, _merge_dotted_names(text, _dotted_place_names(text, chosen)))
        return Found(self._merge_addresses(text, _person_last_names(text, chosen)), pairs)

    def _described_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 12: an organisation's name with the kind of body written before it and, before that, its country
        (中国企业华某动力科技, 蒙古国国有企业某某公司, 独立咨询机构某某研究所): the name is
        what follows the kind, the country a place of its own. Only when the name left has three characters or more
        (or is a listed name) and the part before the kind is nothing or a listed place."""
        out: list[Candidate] = []
        for c in chosen:
            m = DESCRIBED_NAME.match(text, c.start, c.end) if c.label == "ORG" else None
            if m is None or m.end() != c.end or (c.term is not None and m.group("rest") not in c.term.surfaces):
                out.append(c)
                continue
            place, rest = m.group("place"), m.group("rest")
            listed = self._term_surfaces
            if (place and place not in self.place_by_surface) or (len(rest) < 3 and rest not in listed) or \
                    (m.group("kind") == "企业" and rest not in listed and is_common_word(rest[:2])):
                # 中国企业联合会, 中国企业评价协会: 企业 there is part of the name (its words are ordinary words)
                out.append(c)
                continue
            if place:
                term = self.place_by_surface[place]
                out.append(Candidate(c.start, c.start + len(place), term.label, PRIO_PLACE, "places", term))
            out.append(Candidate(m.start("rest"), c.end, c.label, c.prio, c.source, c.term))
        return out

    def _ministry_departments(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 9: a ministry's or commission's department written right after it and followed by its head's
        title or a clause mark (工业和信息化部规划司负责人, 国家发展改革委高技术司司长) is the department: the
        body's mention takes in the field and 司 (named 'MIIT Department of Planning'), as the team writes it.
        Session 11: a bureau's division the same way (某市规划局详规处处长: the bureau's 处, as a ministry's 司;
        总局 is a 局)."""
        out = list(chosen)
        starts = {c.start for c in chosen}
        for k, c in enumerate(out):
            if c.label != "ORG" or not text.endswith(MINISTRY_BODY_ENDINGS, c.start, c.end):
                continue
            m = MINISTRY_DEPARTMENT.match(text, c.end)
            if m is None:
                continue
            g = 1 if m.group(1) else 2
            if m.group(g)[:-1].endswith(("公", "上")) or any(c.end < st < m.end(g) for st in starts):
                continue
            out[k] = Candidate(c.start, m.end(g), "ORG", c.prio, c.source)
        return out

    def _institution_units(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 11: a unit written right after its university, academy or administration (奥克兰大学 + 航天研究所,
        某研究院 + 拉美研究中心, 国家药品监督管理局 + 药品审评中心) is one organisation, as the team writes it
        (开普敦大学能源研究中心): the parent's mention takes in the unit when the unit ends in a research or
        service centre's head and is no listed name of its own, whether or not a rule found it."""
        out: list[Candidate] = []
        k = 0
        while k < len(chosen):
            c = chosen[k]
            if c.label == "ORG" and text.endswith(INSTITUTION_PARENTS, c.start, c.end):
                nxt = chosen[k + 1] if k + 1 < len(chosen) else None
                if nxt is not None and nxt.start == c.end and nxt.label == "ORG" and nxt.term is None and \
                        nxt.source in ("chain", "statistical") and text.endswith(INSTITUTION_UNIT_HEADS, nxt.start, nxt.end):
                    out.append(Candidate(c.start, nxt.end, "ORG", max(c.prio, nxt.prio), c.source))
                    k += 2
                    continue
                m = INSTITUTION_UNIT.match(text, c.end)
                if m is not None and (nxt is None or nxt.start >= m.end()):
                    out.append(Candidate(c.start, m.end(), "ORG", c.prio, c.source))
                    k += 1
                    continue
            out.append(c)
            k += 1
        return out

    @staticmethod
    def _park_cities(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 11: a place + words + 生物城 / 医学城 / 科学城 / 科技城 / 药谷 (成都天府国际生物城, 武汉医学城) is a
        park built as a district, a FACILITY (as 科技城 after a tagger's place name): the place's mention takes in
        the rest when no other mention starts inside it."""
        out = list(chosen)
        for k, c in enumerate(out):
            if c.label != "GPE" or c.source not in ("places", "statistical"):
                continue
            m = PARK_CITY.match(text, c.end)
            if m is None or (k + 1 < len(out) and out[k + 1].start < m.end()):
                continue
            out[k] = Candidate(c.start, m.end(), "FACILITY", c.prio, "statistical")
        return out

    def _states_of_cities(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: a listed city + 州 (拉各斯州, 墨西哥 + 州 where 墨西哥州 is not listed) is the state named
        after it, one place: the city alone left the 州 out of every mention. Not before 州长 (a governor: 拉各斯州长
        keeps the city) unless 州 is written twice (拉各斯州州长)."""
        if "州" not in text:
            return chosen
        for k, c in enumerate(chosen):
            if c.label != "GPE" or c.term is None or c.term.origin != "places" or text[c.end:c.end + 1] != "州":
                continue
            surface = text[c.start:c.end]
            if surface[-1] in "省市州县区" or (surface + "市" not in c.term.surfaces and len(surface) < 3):
                continue        # (session 11: any listed place of three characters or more, 安集延州 = Andijan Region)
            if text.startswith("州长", c.end) and not text.startswith("州州长", c.end):
                continue
            if k + 1 < len(chosen) and chosen[k + 1].start <= c.end:
                continue
            chosen[k] = Candidate(c.start, c.end + 1, c.label, c.prio, c.source, None)
        return chosen

    def _analyst_fields(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: the field an analyst covers, between the firm and the title (日本野村证券 | 半导体 | 分析师), is
        no part of the firm's name: the organisation ends before it; a country written before a listed firm is then
        its own mention (日本 | 野村证券), as everywhere else (美国 | 西屋公司)."""
        if not any(t in text for t in ANALYST_TITLES):
            return chosen
        out: list[Candidate] = []
        for c in chosen:
            if c.label == "ORG" and c.source not in ("byline", "termbase") and \
                    any(text.startswith(t, c.end + (2 if text.startswith("行业", c.end) else 0)) for t in ANALYST_TITLES):
                field = next((f for f in ANALYST_FIELDS if text.endswith(f, c.start, c.end) and c.end - len(f) - c.start >= 2), None)
                if field is not None:
                    end = c.end - len(field)
                    country = next(self._country_prefixes(text, c.start), None)
                    rest = text[c.start + len(country):end] if country else ""
                    if country and rest in self._term_surfaces and text[c.start:end] not in self._term_surfaces:
                        place = self.place_by_surface[country]
                        out.append(Candidate(c.start, c.start + len(country), place.label, PRIO_PLACE, "places", place))
                        out.append(Candidate(c.start + len(country), end, "ORG", c.prio, c.source))
                    else:
                        out.append(Candidate(c.start, end, c.label, c.prio, c.source, c.term))
                    continue
            out.append(c)
        return out

    def _japanese_given_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: a Japanese family name + a given name the tagger cut one character short (山本隆 | 史则提醒):
        the name takes in the next character when family name + the longer given name is listed
        (person_names.tsv kind ja, japanese_given_names.tsv: 隆史 → Takashi)."""
        from pipeline.entities.naming import japanese_given_names

        given = None
        for k, c in enumerate(chosen):
            if c.label != "PERSON" or c.end - c.start not in (3, 4) or c.end >= len(text):
                continue
            surface = text[c.start:c.end]
            kind, _reading = self.lex.surnames.get(surface[:2], ("", ""))
            if kind != "ja" or not HAN.match(text[c.end]):
                continue
            if k + 1 < len(chosen) and chosen[k + 1].start <= c.end:
                continue
            given = given if given is not None else japanese_given_names()
            longer = surface[2:] + text[c.end]
            if longer in given and len(longer) <= 3:
                chosen[k] = Candidate(c.start, c.end + 1, c.label, c.prio, c.source, c.term)
        return chosen

    def _mainland_seen_from_hong_kong(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: in an article about Hong Kong or Macau (named three times or more, more often than 中国),
        内地 is the place 'Mainland China' (places.tsv 中国大陆), as the annotators mark it; elsewhere 内地 is
        'inland' (沿海和内地) and stays no name. Not inside another name (内地与香港 keeps both; 内地企业 gives the
        place)."""
        if "内地" not in text:
            return chosen
        sar = max(text.count("香港"), text.count("澳门"))
        if sar < 3 or sar <= text.count("中国"):
            return chosen
        place = self.place_by_surface.get("中国大陆")
        if place is None:
            return chosen
        taken = bytearray(len(text) + 1)
        for c in chosen:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        added = [Candidate(m.start(), m.end(), "GPE", PRIO_PLACE, "places", place)
                 for m in re.finditer("内地", text) if not any(taken[m.start():m.end()])]
        return sorted(chosen + added, key=lambda c: c.start) if added else chosen

    def _company_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 6, from the team articles: (1) a name the tagger took for a person's, written right before an
        industry word, is a company with that word (伊鲁卡 | 资源, 蓝箭 | 航天, 莱纳斯 | 稀土), as is a place name
        no list knows (维港源创 | 资本); (2) a Chinese name restated with one Latin word in brackets (福蒂斯丘
        （Fortescue）, 特斯拉（Tesla）, 阿斯麦（ASML）) is no person's: people are restated with their full name
        (约翰·基普罗诺（John Kiprono）); in the articles every such one-word restatement was an organisation
        or a place, never a person."""
        out = list(chosen)
        for k, c in enumerate(out):
            if c.source not in ("statistical", "title") or c.label not in ("PERSON", "GPE", "LOC", "ORG"):
                continue
            surface = text[c.start:c.end]
            if c.label == "ORG" and (c.term is not None or not INDUSTRY_WORD_CUT.fullmatch(text, c.end, c.end + 2)):
                continue                # 华屿 | 数科: the tagger's organisation cut before its industry word (session 13)
            if any(d in surface for d in NAME_DOTS):
                continue
            if c.label == "PERSON" and ONE_WORD_ALIAS.match(text, c.end):
                out[k] = Candidate(c.start, c.end, "ORG", c.prio, c.source)
                continue
            if c.label in ("GPE", "LOC") and (surface in self.place_by_surface or len(surface) < 3):
                continue
            word = next((w for w in INDUSTRY_WORDS if text.startswith(w, c.end)), None)
            if word is None:
                continue
            end = c.end + len(word)
            if (k + 1 < len(out) and out[k + 1].start < end) or text[end:end + 1] in ("部", "局", "厅", "署", "委", "司"):
                continue
            out[k] = Candidate(c.start, end, "ORG", c.prio, "chain")
        return out

    def _registered_company_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 11: a company's registered name with its place in brackets, then its business and its legal form
        (恒芯微（无锡）集成电路有限公司, 三星（中国）半导体有限公司) is one organisation from the name written right
        before the bracket, however the pieces were tagged alone (恒芯微 as a person, 中国 as a place)."""
        if "有限" not in text:
            return chosen
        out = list(chosen)
        for m in REGISTERED_COMPANY.finditer(text):
            place = self.place_by_surface.get(m.group(1))
            if place is None or place.label not in ("GPE", "LOC"):
                continue
            bracket, end = m.start(), m.end()
            before = [c for c in out if c.end == bracket and c.end - c.start >= 2 and c.label != "GPE"]
            if not before:
                continue
            start = before[0].start
            if any(c.start < end < c.end or c.start < start < c.end for c in out):
                continue            # a mention crossing the name's edges: leave it
            out = [c for c in out if not (start <= c.start and c.end <= end)]
            out.append(Candidate(start, end, "ORG", PRIO_CHAIN, "chain"))
            out.sort(key=lambda c: c.start)
        return out

    @staticmethod
    def _restated_places(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: an undotted transliterated "person" restated in Latin is a place when it follows 在 / 位于 / 距离
        or the bracket is followed by a place word (在乔尔夫拉斯法尔（Jorf Lasfar）工业园): GPE, or LOC before an
        industrial area or port word. Both forms take the label."""
        out = list(chosen)
        for k, c in enumerate(out):
            surface = text[c.start:c.end]
            if c.label not in ("PERSON", "ORG") or c.term is not None or any(d in surface for d in NAME_DOTS) \
                    or not HAN.match(surface) or (c.label == "ORG" and (c.source not in ("bracket", "statistical") or
                                                                        surface.endswith(ORG_LAST_CHARS))):
                continue
            m = PLACE_RESTATEMENT.match(text, c.end)
            if m is None:
                continue
            before = text[max(0, c.start - 3):c.start]
            after = text[m.end():m.end() + 3]
            area = after.startswith(("工业园", "园区", "港", "工业区", "经济区", "特区"))
            located = before.endswith(("在", "位于", "距离", "落户")) and c.label == "PERSON" and \
                not text.startswith(("看来", "工作", "任职", "担任", "眼中", "的", "说"), m.end())
            if not (area or located or after.startswith(("附近", "一带", "地区"))):
                continue
            label = "LOC" if area else "GPE"
            out[k] = Candidate(c.start, c.end, label, c.prio, c.source, c.term)
            for j, o in enumerate(out):
                if o.start == m.start(1) and o.end == m.end(1):
                    out[j] = Candidate(o.start, o.end, label, o.prio, o.source, o.term)
        return out

    @staticmethod
    def _bracketed_short_forms(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: a short Chinese form in brackets right after a zone or place (天津经济技术开发区（泰达）) is that
        place's short name, and takes its label, though a dictionary may know it as a company."""
        out = list(chosen)
        for k in range(1, len(out)):
            prev, c = out[k - 1], out[k]
            if prev.label in ("GPE", "LOC") and c.label == "ORG" and c.start == prev.end + 1 and \
                    text[prev.end:c.start] in ("（", "(") and text[c.end:c.end + 1] in ("）", ")") and \
                    HAN.match(text, c.start) and c.end - c.start <= 4 and prev.end - prev.start > c.end - c.start:
                out[k] = Candidate(c.start, c.end, prev.label, c.prio, c.source, c.term)
        return out

    def _listed_bodies(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 10: a standard government body written bare in a list next to a body already found (发展改革委、科技局、
        财政局等部门) is one of the bodies too, though alone a bare 财政局 may be anyone's finance bureau."""
        if "、" not in text:
            return chosen
        bodies = [b for b in self.lex.gov_bodies if len(b) >= 3 and b[-1] in "局委厅办"]
        if not bodies:
            return chosen
        taken = bytearray(len(text))
        for c in chosen:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        orgs_end = {c.end for c in chosen if c.label == "ORG"}
        orgs_start = {c.start for c in chosen if c.label == "ORG"}
        added: list[Candidate] = []
        for body in bodies:
            e = 0
            while (s := text.find(body, e)) != -1:     # each non-overlapping occurrence, left to right
                e = s + len(body)
                if any(taken[s:e]):
                    continue
                before, after = text[s - 1:s], text[e:e + 1]
                if before not in ("、", "，", "") and after not in ("、",):
                    continue
                # a neighbour in the list is a body already found
                if not ((before == "、" and s - 1 in orgs_end) or (after == "、" and e + 1 in orgs_start)):
                    continue
                if after not in ("、", "等", "和", "，", "。", "；"):
                    continue
                taken[s:e] = b"\x01" * (e - s)
                added.append(Candidate(s, e, "ORG", PRIO_CHAIN, "chain"))
        if not added:
            return chosen
        return sorted(chosen + added, key=lambda c: c.start)

    def _bracket_restatements(self, text: str, chosen: list[Candidate], tokens: Sequence[tuple[int, int]]) -> list[Candidate]:
        """Session 7 (the blind articles of session 7): a Chinese name restated in Latin in brackets is the whole
        stretch of words before the bracket back to a clause boundary, a function word or verb (的, 在, 位于), a
        title, or the kind of body named before it (疫苗企业 | 巴伐利亚北欧（Bavarian Nordic）, 国家矿业公司 |
        陶肯萨姆鲁克（Tau-Ken Samruk）), when the recogniser had it in pieces (诺和 + 诺德, 富士胶片 + 奥辛斯生物技术
        公司, 丹麦 + nothing) or not at all (环球电信（Globe Telecom）). An acronym restates a body only when the stretch
        ends with an organisation's head (丹麦出口与投资基金（EIFO）; not 直接提锂（DLE）). The stretch takes the
        label of the name found at its end if that is an organisation, else ORG; the Latin form takes the same
        label so the two are one entity. Persons (a dotted name, a title before) are left to their own rules."""
        if "（" not in text and "(" not in text:
            return chosen
        out = list(chosen)
        token_at_end: dict[int, int] | None = None
        changed = False
        for m in LATIN_RESTATEMENT.finditer(text):
            p = m.start()
            latin = m.group(1)
            acronym = ACRONYM_ONLY.fullmatch(latin) is not None
            run = p
            while run > 0 and p - run < 20 and HAN.match(text, run - 1):
                run -= 1
            if p - run < 2 or (run > 0 and text[run - 1] in NAME_DOTS + "-－—"):
                continue                    # a dotted or hyphenated name: its own rules
            if token_at_end is None:
                token_at_end = {e: s for s, e in tokens}
            start, end, last = p, p, True
            # session 9: an acronym spells the body's words, so before an organisation's head the stretch may take
            # in verbs (国家 | 输电 | 公司（NTCSA）, 马来西亚 | 投资 | 发展 | 局（MIDA）), one word a capital at most
            capitals = sum(ch.isupper() for ch in latin) if acronym else 0
            spelled = capitals >= 3 and any(text.endswith(h, run, p) for h in self.heads_by_len
                                            if self.lex.heads[h][0] == "ORG")
            words = 0
            while start > run:
                s0 = token_at_end.get(start)
                if s0 is None or s0 < run:
                    s0 = start - 1          # no token ends here: one character
                word = text[s0:start]
                verb_in_name = spelled and words < capitals and len(word) == 2 and \
                    (dictionary_tag(word) or "x") in ("v", "vn") and not last
                conjunction = spelled and word in ("和", "与", "及") and words < capitals - 1 and not last
                if conjunction:
                    # 投资和出口发展署（AMDIE）: the acronym spells both fields, the 和 is inside the name (session 10)
                    start, last = s0, False
                    continue
                if word in RESTATEMENT_STOPS or word in self.lex.titles or (not last and word.endswith(RESTATEMENT_KINDS)) \
                        or (len(word) >= 2 and (dictionary_tag(word) or "x")[:1] in RESTATEMENT_STOP_TAGS
                            and not verb_in_name):
                    break                   # 按照 (p), 采用 (v): a verb or preposition before the name
                if spelled and words >= capitals:
                    break
                start, last = s0, False
                words += 1
            if end - start < 2 or end - start > 16:
                continue
            inner = [k for k, c in enumerate(out) if c.start < end and start < c.end]
            if any(out[k].start < start or out[k].end > end for k in inner):
                continue                    # a mention crossing the stretch's edges: leave it
            conjoined = spelled and len(inner) >= 2 and out[inner[0]].label == "GPE" and out[inner[0]].start == start \
                and out[inner[-1]].label == "ORG" and out[inner[-1]].end == end and \
                any(ch in text[out[inner[0]].end:out[inner[-1]].start] for ch in "和与及")
            # session 10: a country's body whose name joins two fields (摩洛哥 | 投资和 | 出口发展署（AMDIE）) is one
            # name when the acronym spells it all, not the country and a body named after the conjunction
            if inner and out[inner[-1]].end == end and not conjoined:
                # a name found at the bracket takes in only the pieces right before it (诺和 + 诺德, 富士胶片 + 戴 +
                # 奥辛斯生物技术公司), not the plain words (封测厂 | 益纳利（Inari Amertron）)
                chain = len(inner) - 1
                while chain > 0 and out[inner[chain]].start - out[inner[chain - 1]].end <= 1:
                    chain -= 1
                start = out[inner[chain]].start
                inner = inner[chain:]
            if len(inner) == 1 and out[inner[0]].start == start and out[inner[0]].end == end:
                if out[inner[0]].label == "PERSON" and start > run and text[start - 2:start].endswith(RESTATEMENT_KINDS):
                    # 国家矿业公司 | 陶肯萨姆鲁克（Tau-Ken Samruk）: after the kind of body it is, a tagger's "person"
                    # restated in Latin is that body
                    c = out[inner[0]]
                    out[inner[0]] = Candidate(c.start, c.end, "ORG", c.prio, c.source, c.term)
                    for k, o in enumerate(out):
                        if o.start == m.start(1) and o.end == m.end(1):
                            out[k] = Candidate(o.start, o.end, "ORG", o.prio, o.source, o.term)
                continue                    # already one mention
            if any(out[k].label == "PERSON" and any(d in text[out[k].start:out[k].end] for d in NAME_DOTS) for k in inner):
                continue
            surface = text[start:end]
            head = any(surface.endswith(h) for h in self.heads_by_len if self.lex.heads[h][0] == "ORG")
            if acronym and not head:
                continue
            if not inner and not head and " " not in latin:
                continue                    # one unknown word: too little to go on
            if inner and out[inner[0]].label in ("GPE", "LOC") and out[inner[0]].start == start and len(inner) == 2 and \
                    out[inner[1]].label == "ORG" and out[inner[1]].end == end and not conjoined:
                continue                    # 新加坡 | 星展银行（DBS）: a country and its company, two mentions
            if surface in self.lex.non_entities or is_common_word(surface):
                continue
            last_inner = out[inner[-1]] if inner else None
            label = last_inner.label if last_inner is not None and last_inner.end == end and \
                last_inner.label not in ("PERSON", "GPE", "LOC") else "ORG"
            new = Candidate(start, end, label, PRIO_CHAIN, "chain")
            out = [c for k, c in enumerate(out) if k not in set(inner)]
            for k, c in enumerate(out):
                if c.start == m.start(1) and c.end == m.end(1) and c.label != label:
                    out[k] = Candidate(c.start, c.end, label, c.prio, c.source, c.term)
            out.append(new)
            changed = True
        if changed:
            out.sort(key=lambda c: c.start)
        return out

    def _span_conventions(self, text: str, chosen: list[Candidate], tokens: Sequence[tuple[int, int]]) -> list[Candidate]:
        """Session 7, a span convention shared by the team's annotators and CLUENER: a local office is the
        place and the office's name up to its head (通州区 + 住保办, 江苏省 + 文联党组, 湖北省 + 经济和信息化厅): a place ending in an administrative unit, then at most eight characters with no
        function word, ending in an office head at a word boundary (CLUENER first half +1 mention right, second
        half ±0, team articles unchanged). Cutting a function word off the end of a tagger's three-character
        person name (金庸 | 于) was measured too: +1 on the first half, −1 on the second, not kept; so was a
        company's 公司 after its name (Valve公司, as the team writes 西屋公司): +2 on the first half, ±0 on the
        second, but a Latin name + 公司 is then read "Valve Company" instead of "Valve", so not kept."""
        out: list[Candidate] = []
        ends: set[int] | None = None
        token_starts: dict[int, int] | None = None
        skip_to = -1
        for k, c in enumerate(chosen):
            if c.start < skip_to:
                continue
            surface = text[c.start:c.end]
            if c.label in ("GPE", "LOC") and surface[-1:] in LOCAL_UNITS and len(surface) >= 2:
                m = LOCAL_OFFICE.match(text, c.end)
                if ends is None:
                    ends = {e for _, e in tokens}
                if m and not OFFICE_STOP.search(m.group(0)) and (m.end() in ends or not HAN.match(text, m.end())
                                                                 or self._title_at(text, m.end())) \
                        and not is_common_word(m.group(0)):
                    end = m.end()
                    inner = [o for o in chosen[k + 1:] if o.start < end]
                    if all(o.end <= end and o.label == "ORG" for o in inner):
                        c = Candidate(c.start, end, "ORG", c.prio, "chain")
                        skip_to = end
            elif c.label in ("GPE", "LOC") and c.term is not None and c.term.name_en != "China" and (
                    self._is_nation(c.term) or surface in REGION_BODY_PREFIXES):
                # (China's bodies are the termbase's, written after 中国 as two mentions: 中国 | 自然资源部)
                m = (REGION_BODY if surface in REGION_BODY_PREFIXES else NATIONAL_BODY).match(text, c.end)
                if ends is None:
                    ends = {e for _, e in tokens}
                if token_starts is None:
                    token_starts = {e: s for s, e in tokens}    # once per document
                if m and not NATIONAL_BODY_STOP.search(m.group(0)) and (m.end() in ends or not HAN.match(text, m.end())) \
                        and not is_common_word(m.group(0)) and self._country_with_generic_head(text[c.start:m.end()]) is None \
                        and self._national_body_words(text, m, token_starts):
                    end = m.end()
                    inner = [o for o in chosen[k + 1:] if o.start < end]
                    if all(o.end <= end and o.label == "ORG" and o.start >= c.end for o in inner):
                        c = Candidate(c.start, end, "ORG", c.prio, "chain")
                        skip_to = end
            out.append(c)
        return out

    @staticmethod
    def _listed_companies(text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 9 (CLUENER first half): names listed with 、 and closed by 等 + the kind of body they are (银行,
        公司, 企业 …: 民生、工行、中心、浦发、中行等13家银行, 汇丰、花旗、东亚等各家外资行) are all of that kind when at
        least two of them are already organisations: a listed name no rule found (民生, a common word alone) or
        took for a place (东亚) is an organisation too."""
        if "等" not in text or "、" not in text:
            return chosen
        by_span = {(c.start, c.end): k for k, c in enumerate(chosen)}
        out = list(chosen)
        added = False
        for m in NAME_LIST.finditer(text):
            items, pos = [], m.start(1)
            for piece in m.group(1).split("、"):
                items.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            orgs = [sp for sp in items if sp in by_span and chosen[by_span[sp]].label == "ORG"]
            if len(orgs) < 2:
                continue
            for s, e in items:
                k = by_span.get((s, e))
                if k is not None:
                    c = chosen[k]
                    if c.label in ("GPE", "LOC", "PERSON") and c.source in ("statistical", "places"):
                        out[k] = Candidate(s, e, "ORG", c.prio, "listed")
                elif e - s <= 6 and not any(c.start < e and s < c.end for c in chosen):
                    out.append(Candidate(s, e, "ORG", PRIO_STAT, "listed"))
                    added = True
        if added:
            out.sort(key=_START)
        return out

    def _title_at(self, text: str, pos: int) -> bool:
        """Whether a title of two characters or more (书记, 主任, 局长) starts at `pos`: an office's name ends there
        though jieba joins its head to the title (江苏省文联党组 | 书记: 党组书记 is one jieba word). Session 9."""
        if self._title_starts is None:
            self._title_starts = {}
            for t in self.titles_by_len:
                if len(t) >= 2:
                    self._title_starts.setdefault(t[0], []).append(t)
        return any(text.startswith(t, pos) for t in self._title_starts.get(text[pos:pos + 1], ()))

    def _venues(self, text: str, chosen: list[Candidate], tokens: Sequence[tuple[int, int]]) -> list[Candidate]:
        """Session 9 (CLUENER first half: 12 place or person names before such a head, none of them a gold mention
        alone): a place's or a person's name written right before a venue's or a building's head (`VENUE_HEADS`:
        华贸 + 中心, 厄普顿公园 + 球场, 海渔 + 广场, 盖蒂 + 别墅) is with it one FACILITY, the team's convention for
        venues; the head must end a jieba word (not 酒店业) and no other mention may start inside it. Not 工厂: a
        company's plant written with its place is the place in the team's annotations (大城府 | 工厂). A country or a continent before the head is that country's (美国工厂 stays 美国), and a
        person's name before 中心 an institute's, left alone. CLUENER writes such venues as addresses: a convention
        conflict, so they stay unscored there rather than right."""
        ends: set[int] | None = None
        out: list[Candidate] = []
        for k, c in enumerate(chosen):
            if c.label in ("GPE", "LOC", "ORG") and c.source in ("statistical", "chain") and c.end - c.start >= 3 and \
                    text.endswith(BUILDING_ENDINGS, c.start, c.end):
                # 卢浮宫, 国家大剧院, 盖蒂博物馆: a tagger's place or organisation named as a building is the venue
                out.append(Candidate(c.start, c.end, "FACILITY", c.prio, "venue"))
                continue
            if c.label in ("GPE", "LOC", "PERSON") and c.end < len(text) and \
                    text.startswith(VENUE_HEADS if c.label != "PERSON" else PERSON_VENUE_HEADS, c.end):
                surface = text[c.start:c.end]
                place = self.place_by_surface.get(surface)
                if not (place is not None and (self._is_nation(place) or place.label == "LOC")) and \
                        surface not in REGION_BODY_PREFIXES and "·" not in surface:
                    if ends is None:
                        ends = {e for _, e in tokens}
                    head = next(h for h in VENUE_HEADS if text.startswith(h, c.end))
                    end = c.end + len(head)
                    nxt = chosen[k + 1].start if k + 1 < len(chosen) else len(text)
                    if end in ends and nxt >= end:
                        c = Candidate(c.start, end, "FACILITY", c.prio, "venue")
            out.append(c)
        return out

    def _table_cells(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 7: a table (markdown, as ingest writes HTML tables) whose column header says what its cells are
        (企业 / 公司 / 机构: organisations; 地点 / 所在地 / 城市 / 国家: places) has one name per cell in that column:
        the whole cell with the header's label, in place of the pieces a tagger cut it into (富士胶片 | 戴奥辛斯) or a
        person it took a town for (希勒勒). Cells with digits, more than 12 characters or a total row (合计) are left."""
        if "|" not in text:
            return chosen
        cells: list[tuple[int, int, str]] = []
        for table in TABLE_BLOCK.finditer(text):
            lines = table.group(0).split("\n")
            offsets, pos = [], table.start()
            for line in lines:
                offsets.append(pos)
                pos += len(line) + 1
            header = [h.strip() for h in lines[0].strip().strip("|").split("|")]
            labels = [TABLE_COLUMN_LABELS.get(h) for h in header]
            if not any(labels):
                continue
            for line, off in zip(lines[2:], offsets[2:]):
                if not line.strip().startswith("|"):
                    continue
                k, col = line.index("|"), 0
                row: list[tuple[int, int]] = []
                while True:
                    nxt = line.find("|", k + 1)
                    if nxt < 0:
                        break
                    a, b = k + 1, nxt
                    while a < b and line[a] == " ":
                        a += 1
                    while b > a and line[b - 1] == " ":
                        b -= 1
                    row.append((off + a, off + b))
                    k = nxt
                if any(text[a:b] in TABLE_TOTAL_WORDS for a, b in row):
                    continue
                for (a, b), label in zip(row, labels):
                    cell = text[a:b]
                    if label and 2 <= b - a <= 12 and not re.search(r"[0-9，。、（(]", cell) and \
                            cell not in self.lex.non_entities and not is_common_word(cell):
                        cells.append((a, b, label))
        if not cells:
            return chosen
        out = list(chosen)
        for a, b, label in cells:
            inside = [c for c in out if c.start < b and a < c.end]
            if any(c.start < a or c.end > b for c in inside):
                continue
            if len(inside) == 1 and inside[0].start == a and inside[0].end == b and (
                    inside[0].label == label or inside[0].term is not None):
                continue
            if label == "GPE" and any(c.label in ("ORG", "FACILITY") and c.term is not None for c in inside):
                continue
            out = [c for c in out if c not in inside]
            term = inside[0].term if len(inside) == 1 and inside[0].start == a and inside[0].end == b else None
            out.append(Candidate(a, b, label, PRIO_CHAIN, "chain", term))
        out.sort(key=lambda c: c.start)
        return out

    def _national_body_words(self, text: str, m: re.Match, token_starts: dict[int, int]) -> bool:
        """Whether a NATIONAL_BODY match names a body: its head is a word of its own or the end of a noun (经济部,
        事务部), not the end of an ordinary word (签署, 全部, 北部, 格局), and the words before the head are not
        a kind of body (美国 + 风投机构, 日本 + 研究机构: a country's bodies of that kind)."""
        body = m.group(0)
        head = next(h for h in NATIONAL_BODY_HEADS + ("银行",) if body.endswith(h))
        s0 = token_starts.get(m.end())
        last = text[s0:m.end()] if s0 is not None and s0 < m.end() else head
        if len(last) > len(head) and (last in NATIONAL_BODY_NON_HEADS or
                                      (dictionary_tag(last) or "n")[:1] not in ("n", "j")):
            return False
        middle = body[:-len(head)].split("、")[-1]
        return middle not in NATIONAL_BODY_KINDS

    def _short_forms(self, text: str, chosen: list[Candidate]) -> dict[str, Candidate]:
        """The forms a document shortens a body's or programme's name to after naming it once in full: without
        the country before it (菲律宾贸工部 … 贸工部, 泰国投资促进委员会 … 投资促进委员会, 加拿大关键矿产战略 …
        关键矿产战略) when the rest ends with a name's head, and a company's name without 公司 (冰川电池公司 …
        冰川电池) when the rest is no word of the dictionaries; each with the full name's candidate."""
        out: dict[str, Candidate] = {}
        for c in chosen:
            if c.label not in ("ORG", "PROGRAM", "LAW", "FACILITY") or c.source in ("byline", "repeat"):
                continue
            surface = text[c.start:c.end]
            if not HAN.match(surface):
                continue
            # the longest country form the name starts with that leaves a word whole (日本 | 国际协力机构, not
            # 日本国 | 际协力机构)
            country = next((f for f in self._country_prefixes(surface)
                            if not is_common_word(surface[len(f) - 1:len(f) + 1])), None)
            if country is not None:
                rest = surface[len(country):]
                # (jieba lists some bodies' names as ordinary nouns: 贸工部, 航天局)
                if len(rest) >= 3 and HAN.match(rest) and rest not in self.place_by_surface and \
                        any(rest.endswith(h) and len(rest) > len(h) for h in self.lex.heads) and not is_frequent_word(rest):
                    out.setdefault(rest, c)
            if c.label == "ORG":
                company = re.fullmatch(r"([\u4e00-\u9fff]{4,8}?)(?:股份有限公司|有限公司|公司)", surface)
                if company and not is_common_word(company.group(1)) and not is_frequent_word(company.group(1)) and \
                        company.group(1) not in self.place_by_surface and \
                        not any(company.group(1).endswith(h) for h in self.lex.heads):
                    out.setdefault(company.group(1), c)
                if company:
                    # the brand without its business word too (新疆锦棉种业有限公司 … 新疆锦棉, session 11)
                    brand = next((company.group(1)[:-len(w)] for w in COMPANY_BUSINESS_WORDS
                                  if company.group(1).endswith(w) and len(company.group(1)) - len(w) >= 4), None)
                    if brand and not is_common_word(brand) and brand not in self.place_by_surface and \
                            brand not in self._term_surfaces:
                        out.setdefault(brand, c)
        return out

    @staticmethod
    def _repeat_names(text: str, chosen: list[Candidate], short_forms: dict[str, Candidate] | None = None) -> list[Candidate]:
        """A name a rule found once (a quoted programme, a 《》 title, a name + head) is the same name where the
        document writes it again without the cue (“氢能启动计划” … 氢能启动计划生产补贴 in a table): each other
        occurrence of a surface of four characters or more becomes a mention with its label, replacing the shorter
        mentions inside it (澳大利亚 in 澳大利亚制造未来) unless a mention crosses its edges."""
        found: dict[str, Candidate] = {}
        for c in chosen:
            if c.source in ("quoted", "bracket", "chain") and c.label in REPEATED_LABELS and c.end - c.start >= 4:
                found.setdefault(text[c.start:c.end], c)
        for surface, c in (short_forms or {}).items():
            found.setdefault(surface, Candidate(c.start, c.end, c.label, c.prio, c.source, c.term))
        if not found:
            return chosen
        starts = [c.start for c in chosen]
        drop: set[int] = set()
        added: list[Candidate] = []
        spans = {(c.start, c.end) for c in chosen}
        for surface, c in found.items():
            pos = text.find(surface)
            while pos >= 0:
                end = pos + len(surface)
                if (pos, end) in spans and c.label == "FACILITY":
                    # 秘鲁钱凯港 … 钱凯港, which the tagger calls an organisation here and a person there: the
                    # facility the document named in full (session 11)
                    k = bisect.bisect_left(starts, pos)
                    if k < len(chosen) and chosen[k].start == pos and chosen[k].end == end and \
                            chosen[k].source == "statistical" and chosen[k].label != c.label:
                        chosen[k] = Candidate(pos, end, c.label, chosen[k].prio, chosen[k].source)
                elif (pos, end) not in spans:
                    k = bisect.bisect_left(starts, pos)
                    while k > 0 and chosen[k - 1].end > pos:
                        k -= 1
                    inside, clash = [], False
                    while k < len(chosen) and chosen[k].start < end:
                        o = chosen[k]
                        if o.end > pos:
                            if pos <= o.start and o.end <= end and o.source != "byline" and k not in drop:
                                inside.append(k)
                            else:
                                clash = True
                                break
                        k += 1
                    if not clash:
                        drop.update(inside)
                        added.append(Candidate(pos, end, c.label, c.prio, "repeat", c.term))
                        spans.add((pos, end))
                pos = text.find(surface, end)
        if not added:
            return chosen
        return sorted([c for k, c in enumerate(chosen) if k not in drop] + added, key=_START)

    def _port_towns(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """Session 11: a port or a bay named after a town no list knows (钱凯港, 钱凯湾: Chancay) names the town too;
        the bare name elsewhere in the document is that place (从钱凯出口, 钱凯原本是一个小城), not the person or the
        organisation a tagger guessed (钱 is a surname), and the name run on with a word that is no head (钱凯 |
        直航) is the place alone. X港 is a facility, X湾 a place (LOC), as the tagger's place names."""
        stems: set[str] = set()
        for c in chosen:
            surface = text[c.start:c.end]
            if c.label in ("FACILITY", "LOC") and surface[-1:] in ("港", "湾") and 3 <= len(surface) <= 5 and \
                    all(HAN.match(ch) for ch in surface) and c.source in ("statistical", "chain", "repeat", "places") \
                    and c.term is None:
                stem = surface[:-1]
                stem = next((stem[len(f):] for f in self._country_prefixes(stem) if len(stem) - len(f) >= 2), stem)
                if stem not in self.place_by_surface and not is_common_word(stem) and stem not in self._term_surfaces:
                    stems.add(stem)
        if not stems:
            return chosen
        out = list(chosen)
        for k, c in enumerate(out):
            surface = text[c.start:c.end]
            stem = next((x for x in stems if surface.startswith(x)), None)
            if stem is None or c.source not in ("statistical", "places") or c.term is not None:
                continue
            rest = surface[len(stem):]
            if rest in ("港", "湾"):
                label = "FACILITY" if rest == "港" else "LOC"
                if c.label != label:
                    out[k] = Candidate(c.start, c.end, label, c.prio, c.source)
            elif not rest or not any(surface.endswith(h) for h in self.lex.heads) and \
                    not surface.endswith(PLACE_ENDINGS) and not surface.endswith(ZONE_ENDINGS):
                out[k] = Candidate(c.start, c.start + len(stem), "GPE", c.prio, c.source)   # 钱凯 | 直航
        covered = bytearray(len(text) + 1)
        for c in out:
            covered[c.start:c.end] = b"\x01" * (c.end - c.start)
        added = []
        for stem in stems:
            for m in re.finditer(re.escape(stem), text):
                s, e = m.span()
                if any(covered[s:e]) or (s > 0 and HAN.match(text[s - 1]) and text[s - 1] not in LEADING_FUNCTION_CHARS
                                         and not is_common_word(text[max(s - 2, 0):s])):
                    continue
                added.append(Candidate(s, e, "GPE", PRIO_STAT, "statistical"))
                covered[s:e] = b"\x01" * (e - s)
        return sorted(out + added, key=_START) if added else out

    def _pseudonyms(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[Candidate]:
        """A name written before （化名） or （音） is a person's: the word before the bracket, or a one-character
        word and the one- or two-character word before it (石 | 粉兰), two or three characters that start with
        a surname and are no title, no form of address (张先生) and no ordinary word."""
        out: list[Candidate] = []
        token_by_end = None
        for m in PSEUDONYM_MARK.finditer(text):
            if token_by_end is None:
                token_by_end = {e: s for s, e in tokens}
            end = m.start()
            start = token_by_end.get(end)
            if start is not None and end - start == 1 and start in token_by_end:
                start = token_by_end[start]
            if start is None or not 2 <= end - start <= 3:
                continue
            name = text[start:end]
            if not HAN_WORD.fullmatch(name) or not (name[:1] in self.lex.surnames or name[:2] in self.lex.surnames):
                continue
            if name in self.lex.titles or any(name.endswith(t) for t in self.titles_by_len) or \
                    self._form_of_address(name) or is_frequent_word(name):
                continue
            out.append(Candidate(start, end, "PERSON", PRIO_TITLE, "title"))
        return out

    def _speakers(self, text: str) -> list[Candidate]:
        """An interview or a transcript names its speaker at the start of a line: 王立新：…, 李娜:… A
        line that starts with two to four Chinese characters and a colon, the first one or two of them
        a surname, names a person unless the words are a role (主持人：, 记者：), an ordinary word or a
        listed name of another kind."""
        out: list[Candidate] = []
        for m in SPEAKER.finditer(text):
            name = m.group(1)
            if not (name[:1] in self.lex.surnames or name[:2] in self.lex.surnames):
                continue
            if name in self.lex.titles or any(name.endswith(t) for t in self.titles_by_len) or \
                    name in self.lex.non_entities or is_common_word(name) or name in self._term_surfaces \
                    or name in self.place_by_surface or self._form_of_address(name):
                continue
            out.append(Candidate(m.start(1), m.end(1), "PERSON", PRIO_BYLINE, "speaker"))
        return out

    def _datelines(self, text: str) -> list[Candidate]:
        """A news site's or agency's dateline names the outlet: 新华网广州2月16日电, 人民网9月12日讯,
        中新网12月24日电 (the outlet, then an optional listed place, then the date and 电 / 讯)."""
        out: list[Candidate] = []
        for m in DATELINE.finditer(text):
            outlet, place = m.group(1), m.group(2)
            if outlet.startswith(("本", "该", "此", "我")) or (place and place not in self.place_by_surface):
                continue            # 本报讯: the paper itself; an unknown word before the date: no dateline
            out.append(Candidate(m.start(1), m.end(1), "ORG", PRIO_BYLINE, "dateline"))
        return out

    def _branches(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """A company's branch in a place is one organisation: 交通银行 + 深圳 + 分行, 招行 + 广州 + 分行,
        中国银行 + 上海市 + 分行 (the company, the place right after it and a branch head); a listed
        company + 中国 at the end of a phrase or before a verb is its China arm (汇丰中国, 花旗中国)."""
        out: list[Candidate] = []
        for c in chosen:
            prev = out[-1] if out else None
            if prev is not None and prev.label == "ORG" and c.label in ("GPE", "LOC") and prev.end == c.start:
                head = next((h for h in BRANCH_HEADS if text.startswith(h, c.end)), None)
                if head is not None:
                    out[-1] = Candidate(prev.start, c.end + len(head), "ORG", max(prev.prio, c.prio), "chain")
                    continue
                if prev.term is not None and prev.term.origin == "termbase" and text[c.start:c.end] == "中国" and \
                        HAN.match(text[prev.end - 1]) and SUBSIDIARY_NEXT.match(text, c.end):
                    # 汇丰中国, 花旗中国昨日表示: a foreign company's China arm is one organisation
                    out[-1] = Candidate(prev.start, c.end, "ORG", max(prev.prio, c.prio), "chain")
                    continue
                if prev.source in ("latin", "termbase") and SHORT_CAPS.fullmatch(text[prev.start:prev.end]) and c.term is not None \
                        and self._is_nation(c.term) and SUBSIDIARY_NEXT.match(text, c.end) and \
                        not text.startswith(("的", "在", "于"), c.end):
                    # MTN尼日利亚今年宣布: a company written in capitals and a country right after it, then a verb or
                    # the end of the phrase, is the company's arm in that country (session 6)
                    out[-1] = Candidate(prev.start, c.end, "ORG", max(prev.prio, c.prio), "chain")
                    continue
            if prev is not None and prev.label == "ORG" and c.label == "ORG" and prev.end == c.start and \
                    prev.source == "latin" and SHORT_CAPS.fullmatch(text[prev.start:prev.end]) and HAN.match(text[c.start]) \
                    and c.source in ("statistical", "termbase"):
                # SK海力士: a group's capital letters written against its company's Chinese name (session 6)
                out[-1] = Candidate(prev.start, c.end, "ORG", max(prev.prio, c.prio), "chain", c.term)
                continue
            out.append(c)
        return out

    def _coordinated_places(self, text: str, units: list[Unit], chosen: list[Candidate], taken: bytearray) -> list[Candidate]:
        """A word listed next to a place with the same administrative ending is a place too:
        南山区、龙岗区 (jieba knows 龙岗区 as a plain noun, LAC did not see it)."""
        by_start: dict[int, Unit] | None = None
        by_end: dict[int, Unit] = {}
        added: list[Candidate] = []
        for c in chosen:
            surface = text[c.start:c.end]
            if c.label not in ("GPE", "LOC") or len(surface) < 3 or surface[-1] not in ADMIN_UNITS:
                continue
            if by_start is None:
                by_start = {u.start: u for u in units}
                by_end = {u.end: u for u in units}
            for other in (by_start.get(c.end + 1) if text[c.end:c.end + 1] in COORDINATORS else None,
                          by_end.get(c.start - 1) if c.start > 0 and text[c.start - 1] in COORDINATORS else None):
                if other is None or other.tag not in ("n", "nz", "LOC", "ns"):
                    continue
                word = text[other.start:other.end]
                if 3 <= len(word) <= 5 and word[-1] == surface[-1] and HAN_WORD.fullmatch(word) \
                        and not any(taken[other.start:other.end]) and not is_frequent_word(word):
                    added.append(Candidate(other.start, other.end, c.label, PRIO_PLACE, "coordinated"))
                    taken[other.start:other.end] = b"\x01" * (other.end - other.start)
        return sorted(chosen + added, key=lambda c: c.start) if added else chosen

    def _campus_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """A university's campus is written with its city in brackets: 哈尔滨工业大学（深圳） is one
        organisation (the place in the brackets is part of its name, not a mention of its own)."""
        out: list[Candidate] = []
        skip_until = -1
        for k, c in enumerate(chosen):
            if c.start < skip_until:
                continue
            if c.label == "ORG" and text[c.start:c.end].endswith(CAMPUS_HEADS):
                m = CAMPUS_BRACKET.match(text, c.end)
                if m and m.group(1) in self.place_by_surface:
                    c = Candidate(c.start, m.end(), c.label, c.prio, c.source, c.term)
                    skip_until = m.end()
            out.append(c)
        return out

    def _extend_dotted_names(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """A dotted transliterated name whose first part the tagger cut short (合伙人法 | 赫德·哈尔比):
        the part is extended to the left by one or two characters when the longer part is a listed
        transliteration (法赫德 → Fahad, foreign_name_readings.tsv) and the title before stays whole."""
        from pipeline.entities.naming import foreign_readings, syllable_readings

        table = None
        for k, c in enumerate(chosen):
            if c.label != "PERSON" or not any(d in text[c.start:c.end] for d in NAME_DOTS):
                continue
            first = re.split("[" + NAME_DOTS + "]", text[c.start:c.end])[0]
            cut = next((n for n in (1, 2) if len(first) - n >= 2 and c.source != "byline" and
                        any(text.startswith(t, c.start + n - len(t)) for t in self.titles_by_len
                            if len(t) > n + 1 and c.start + n - len(t) >= 0)), 0)
            if cut:
                # 农业部副部 | 长沙赫扎德·尤苏波夫: a title's last character the tagger gave to a dotted name (it read
                # 长沙, a city, in the name); the title ends before the name and the body before the title (session 11)
                title = next(t for t in self.titles_by_len
                             if len(t) > cut + 1 and c.start + cut - len(t) >= 0 and text.startswith(t, c.start + cut - len(t)))
                chosen[k] = c = Candidate(c.start + cut, c.end, c.label, c.prio, c.source, c.term)
                first = first[cut:]
                title_start = c.start - len(title)
                if k and chosen[k - 1].end > title_start and chosen[k - 1].label == "ORG" and \
                        title_start - chosen[k - 1].start >= 2:
                    p = chosen[k - 1]
                    chosen[k - 1] = Candidate(p.start, title_start, p.label, p.prio, p.source, p.term)
            table = table if table is not None else foreign_readings()
            if first in table and len(first) >= 3:
                continue
            floor = chosen[k - 1].end if k else 0
            for n in (1, 2):
                s = c.start - n
                if s < floor or not HAN.fullmatch(text[s]) or text[s:c.start + len(first)] not in table:
                    continue
                if any(text[floor:s].endswith(t) for t in self.titles_by_len) or s == floor or not HAN.match(text[s - 1]):
                    chosen[k] = Candidate(s, c.end, c.label, c.prio, c.source, c.term)
                    break
            else:
                # session 10: a first part no table lists, cut after one or two transliteration characters that a
                # word before took (小费 | 迪南德·马科斯: 小费 "tip"): the part takes in the whole run of such
                # characters when the run starts after a character that is none (小, a title's last character)
                sy = syllable_readings()
                s = c.start
                while s > floor and c.start - s < 3 and text[s - 1] in sy and text[s - 1] != "于":
                    s -= 1
                if 0 < c.start - s <= 2 and (s == floor or not (text[s - 1] in sy)) and first not in table:
                    chosen[k] = Candidate(s, c.end, c.label, c.prio, c.source, c.term)
        # 小 / 老 right before a dotted foreign name is the name's Jr. / Sr. (小费迪南德·马科斯): part of the name
        for k, c in enumerate(chosen):
            if c.label == "PERSON" and c.start > 0 and text[c.start - 1] in "小老" and \
                    any(d in text[c.start:c.end] for d in NAME_DOTS) and (k == 0 or chosen[k - 1].end < c.start) and \
                    (c.start == 1 or text[c.start - 2] not in "个很较最太更这那老小大"):
                chosen[k] = Candidate(c.start - 1, c.end, c.label, c.prio, c.source, c.term)
        return chosen

    def _foreign_place(self, surface: str) -> bool:
        """A listed place outside China (its English name is not its pinyin: 纽约州, 俄亥俄州, 光州).
        Foreign places written one after another (俄亥俄州新奥尔巴尼) are two names in Chinese
        news, not one Chinese-style address."""
        found = self._foreign_cache.get(surface)
        if found is None:
            term = self.place_by_surface.get(surface)
            if term is None and len(surface) > 2 and surface[-1] in "省市州":
                term = self.place_by_surface.get(surface[:-1])
            found = False
            if term is not None:
                from pipeline.entities.naming import pinyin_place

                plain = re.sub(r"[^a-z]", "", term.name_en.lower())
                base = re.sub(r"(province|city|municipality|state|county|district)$", "", plain)
                found = not any(p.startswith(base) or base.startswith(p) for p in
                                (re.sub(r"[^a-z]", "", pinyin_place(f).lower()) for f in term.surfaces if HAN.search(f)))
            self._foreign_cache[surface] = found
        return found

    @staticmethod
    def _province_and_city(prev: Candidate, c: Candidate) -> bool:
        """A province written without 省 and one of its cities (湖北武汉, 海南三亚): both listed, the first
        a province (a form ending in 省 or 自治区), the second a city (a form ending in 市)."""
        a, b = prev.term, c.term
        return a is not None and b is not None and a.origin == "places" and b.origin == "places" and \
            any(f.endswith(("省", "自治区")) for f in a.surfaces) and any(f.endswith("市") for f in b.surfaces)

    def _merge_addresses(self, text: str, chosen: list[Candidate]) -> list[Candidate]:
        """An address written as a chain of places is one mention: 北京市 + 海淀区, 河南省 + 新乡市 +
        红旗区, 丰台区 + 马家堡, 湖北 + 武汉. A place is merged with the place written right after it when the
        second is a smaller unit (district, county, town, road, zone), the first ends with an
        administrative unit (省 市 区 县 州 镇 乡) and the second is not a country, or the first is a
        province and the second a city (`_province_and_city`). A road or street
        then takes its house number (南湖南路 + 10号)."""
        out: list[Candidate] = []
        for c in chosen:
            prev = out[-1] if out else None
            if prev is not None and prev.end == c.start and prev.label in ("GPE", "LOC") and c.label in ("GPE", "LOC") \
                    and prev.source != "byline" and c.source != "byline" and not self._foreign_place(text[prev.start:prev.end]) and (
                        text[c.start:c.end].endswith(ADDRESS_UNITS) or (
                            text[prev.start:prev.end].endswith(ADMIN_UNITS) and prev.end - prev.start >= 2
                            and not self._is_country(c.term)) or self._province_and_city(prev, c)):
                merged = text[prev.start:c.end]
                # 天津市 + 滨海新区: a city's state-level new area is still an administrative area (session 10)
                label = "GPE" if merged.endswith("新区") and not merged.endswith("高新区") else "LOC"
                out[-1] = Candidate(prev.start, c.end, label, max(prev.prio, c.prio), "address")
                continue
            out.append(c)
        for k, c in enumerate(out):
            if c.label in ("GPE", "LOC") and text[c.start:c.end].endswith(STREET_UNITS):
                m = HOUSE_NUMBER.match(text, c.end)
                if m and (k + 1 == len(out) or out[k + 1].start >= m.end()):
                    out[k] = Candidate(c.start, m.end(), "LOC", c.prio, "address")
        return out


@lru_cache(maxsize=1)
def _organs_longest_first() -> tuple[str, ...]:
    return tuple(sorted(company_organs(), key=len, reverse=True))


def _company_organs(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 11: a company's board written right after its name (江苏某某股份有限公司董事会) is one organisation, the
    board; the company's name alone elsewhere stays the company (cluster.py keeps the two apart)."""
    organs = _organs_longest_first()
    if not organs or not any(o in text for o in organs):
        return chosen
    starts = {c.start for c in chosen}
    out = []
    for c in chosen:
        organ = next((o for o in organs if text.startswith(o, c.end)), None) if c.label == "ORG" else None
        if organ is not None and text.endswith(COMPANY_NAME_ENDS, c.start, c.end) and c.end not in starts:
            c = Candidate(c.start, c.end + len(organ), "ORG", c.prio, "chain", None)
        out.append(c)
    return out


# 卢比亚托沃-科帕利诺（Lubiatowo-Kopalino）: two transliterated parts joined by a hyphen, restated in Latin with one
HYPHENATED_RESTATEMENT = re.compile(r"[-－]([\u4e00-\u9fff]{2,8})[（(]([A-Za-zÀ-ÿĀ-ž]+(?:[- ][A-Za-zÀ-ÿĀ-ž]+)*)[）)]")


def _hyphenated_restatements(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Session 11: a foreign name of two parts joined by a hyphen and restated in Latin with a hyphen (卢比亚托沃-科帕利诺
    （Lubiatowo-Kopalino）, 梅赛德斯-奔驰（Mercedes-Benz）) is one name, though a tagger found its parts apart (a
    person and a place): one mention from the first part to the bracket, labelled as a place when its second part
    was found as one, else with the Latin form's label; both forms take it, and the bracket joins them."""
    if "-" not in text and "－" not in text:
        return chosen
    out = list(chosen)
    for m in HYPHENATED_RESTATEMENT.finditer(text):
        if "-" not in m.group(2):
            continue
        hyphen, end = m.start(), m.start(1) + len(m.group(1))
        first = next((c for c in out if c.end == hyphen and c.end - c.start >= 2 and HAN.match(text, c.start)), None)
        latin = next((c for c in out if c.start == m.start(2) and c.end == m.end(2)), None)
        if first is None or latin is None or any(c.start < end < c.end for c in out):
            continue
        second = next((c for c in out if c.start == m.start(1) and c.end == end), None)
        # a place's second part (科帕利诺 GPE) names the kind of name; else the Latin form's label
        label = second.label if second is not None and second.label in ("GPE", "LOC") else latin.label
        out = [c for c in out if not (first.start <= c.start and c.end <= end) and c is not latin]
        out += [Candidate(first.start, end, label, PRIO_CHAIN, "chain"),
                Candidate(latin.start, latin.end, label, latin.prio, latin.source, latin.term)]
        out.sort(key=lambda c: c.start)
    return out
