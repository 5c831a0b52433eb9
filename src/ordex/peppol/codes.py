"""Code lists of the Peppol ordering rules, embedded as Python constants.

Generated from the code-list variables (``<let name="cl...">``) of the OpenPeppol release in
force (``PEPPOLBIS-T*.sch``) by ``tools/import_rules.py`` (``rules/generated/code_lists.py``),
so that native validation accepts exactly the codes the official Schematron accepts. Not
read from files at run time. The names below are the ones the rules use.
"""

from __future__ import annotations

from ordex.peppol.rules.generated.code_lists import CODE_LISTS as _GENERATED
from ordex.peppol.rules.generated.code_lists import TITLES

ICD = _GENERATED["ICD"]
"""ISO 6523 ICD: schemes of party identifiers (``schemeID`` of ``cac:PartyIdentification``)."""
EAS = _GENERATED["EAS"]
"""Electronic Address Scheme: schemes of ``cbc:EndpointID``."""
ISO4217 = _GENERATED["ISO4217"]
"""ISO 4217 currency codes."""
ISO3166 = _GENERATED["ISO3166"]
"""ISO 3166-1 alpha-2 country codes."""
UNECE_REC20 = _GENERATED["UNECE_REC20"]
"""UN/ECE Recommendation 20 (and 21) units of measure."""
UNCL1001_T01 = _GENERATED["UNCL1001_T01"]
"""Order type codes (UNCL1001 subset)."""
UNCL1229 = _GENERATED["UNCL1229"]
"""Response line status codes."""
UNCL1229_CHANGE = _GENERATED["UNCL1229_CHANGE"]
"""Order change line status codes."""
UNCL4219 = _GENERATED["UNCL4219"]
"""Transport service priority codes."""
UNCL4343_T76 = _GENERATED["UNCL4343_T76"]
"""Order response codes."""
UNCL5189 = _GENERATED["UNCL5189"]
"""Allowance reason codes."""
UNCL7143 = _GENERATED["UNCL7143"]
"""Item type identification codes."""
UNCL7161 = _GENERATED["UNCL7161"]
"""Charge reason codes."""
MIME_CODE = _GENERATED["MIME_CODE"]
"""MIME types of embedded attachments."""
TRUE_FALSE = _GENERATED["TRUE_FALSE"]
"""Boolean indicator values."""

#: Title of each code list, as the official messages name it.
CODE_LIST_TITLES: dict[str, str] = dict(TITLES)

#: The two-letter prefixes PEPPOL-T01-R026/T114-R026 accept in a VAT identifier. The rule
#: tests ``contains(<this text>, substring(CompanyID, 1, 2))``, so it is kept as text.
VAT_PREFIXES_TEXT = (
    "AD AE AF AG AI AL AM AN AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BL BJ BM BN BO BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CX CY CZ DE DJ DK DM DO DZ EC "
    "EE EG EH EL ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR ST SV SY SZ TC TD TF TG TH TJ TK "
    "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
)

#: Every code list by the name the rule tables use.
CODE_LISTS: dict[str, frozenset[str]] = dict(_GENERATED)
