"""What members call a programme's points: its display name per language ("points", 积分, "Bonus Points").

The unit code (PTS) is the ledger's and the channel's currency code and never changes; the display names are
the bank's wording and may. A programme keeps them by Saleor `LanguageCodeEnum` value ("EN", "ZH_HANS").
Where a programme names no unit for a language, members read what the mall always showed: the unit code in
English, 积分 in Chinese (every Chinese programme's word for points).
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH, SIMPLIFIED_CHINESE = "EN", "ZH_HANS"
CHINESE_DEFAULT_NAME = "积分"
MAX_UNIT_NAME_LENGTH = 32


def language_family(language_code: str) -> str:
    """The language whose names a member reads: Chinese codes (ZH, ZH_HANS, zh-Hans) read ZH_HANS, any other EN."""
    return SIMPLIFIED_CHINESE if language_code.upper().startswith("ZH") else ENGLISH


def unit_name(names: Mapping[str, str], language_code: str, unit_code: str) -> str:
    """The unit's name for `language_code`: its own name, else its language family's, else the default."""
    code = language_code.upper().replace("-", "_")
    family = language_family(code)
    named = names.get(code) or names.get(family)
    if named:
        return named
    return CHINESE_DEFAULT_NAME if family == SIMPLIFIED_CHINESE else unit_code


def unit_name_for_amount(
    amount: int | None, names: Mapping[str, str], singular_names: Mapping[str, str], language_code: str, unit_code: str
) -> str:
    """The unit's name beside `amount`: exactly one reads the programme's singular name for the language (or its
    family) where it set one ("1 point"); any other amount, or none, reads `unit_name` ("2 points", "1 积分")."""
    if amount == 1:
        code = language_code.upper().replace("-", "_")
        singular = singular_names.get(code) or singular_names.get(language_family(code))
        if singular:
            return singular
    return unit_name(names, language_code, unit_code)
