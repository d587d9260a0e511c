"""What members call a programme's points (`pointsUnitNames` on `issuerSettingsUpdate`): the bank's desk names
its unit per language, the issuer and its channels read the names (anyone may read the channel's), languages
not named read the defaults, and bad names are refused with nothing changed."""

from __future__ import annotations

from bank_link.models import Issuer
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from tests.factories import make_staff, token_for

NAME_UNIT = """mutation Name($issuer: String!, $names: [PointsUnitNameInput!]) {
  issuerSettingsUpdate(issuer: $issuer, input: {pointsUnitNames: $names}) {
    issuer { pointsUnitNames { languageCode name } en: pointsUnitName(languageCode: EN)
             zh: pointsUnitName(languageCode: ZH_HANS) }
    errors { field code message } } }"""

CHANNEL_UNIT = """query Unit($slug: String!) { channel(slug: $slug) {
  en: pointsUnitName(languageCode: EN) zh: pointsUnitName(languageCode: ZH_HANS) fr: pointsUnitName(languageCode: FR)
  pointsUnitNames { languageCode name } } }"""

BRAND = [{"languageCode": "EN", "name": " Bonus Points "}, {"languageCode": "ZH_HANS", "name": "奖励积分"}]


async def desk_token(settings, code: str = "BANKA") -> str:
    return token_for(await make_staff(f"desk@{code.lower()}.example", ["MANAGE_POINTS"],
                                      scope=(ScopeKind.ISSUER, code)), settings)


async def test_a_programme_without_names_reads_the_unit_code_in_english_and_jifen_in_chinese(api, channel):
    # when
    answer = await api.ok(CHANNEL_UNIT, {"slug": "bank-a-mall"})

    # then
    assert answer["channel"] == {"en": "PTS", "zh": "积分", "fr": "PTS", "pointsUnitNames": []}


async def test_the_banks_desk_names_its_unit_and_the_issuer_and_its_channel_read_the_names(api, settings, channel):
    # when
    answer = await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": BRAND}, await desk_token(settings))

    # then: trimmed, read on the issuer and (by anyone) on the channel; other languages read English's
    assert answer["issuerSettingsUpdate"] == {"errors": [], "issuer": {
        "pointsUnitNames": [{"languageCode": "EN", "name": "Bonus Points"},
                            {"languageCode": "ZH_HANS", "name": "奖励积分"}],
        "en": "Bonus Points", "zh": "奖励积分"}}
    assert (await api.ok(CHANNEL_UNIT, {"slug": "bank-a-mall"}))["channel"] == {
        "en": "Bonus Points", "zh": "奖励积分", "fr": "Bonus Points",
        "pointsUnitNames": [{"languageCode": "EN", "name": "Bonus Points"},
                            {"languageCode": "ZH_HANS", "name": "奖励积分"}]}


async def test_naming_one_language_keeps_the_others(api, settings, channel):
    # given
    token = await desk_token(settings)
    await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": BRAND}, token)

    # when
    answer = await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": [{"languageCode": "EN", "name": "points"}]}, token)

    # then
    assert answer["issuerSettingsUpdate"]["issuer"]["pointsUnitNames"] == [
        {"languageCode": "EN", "name": "points"}, {"languageCode": "ZH_HANS", "name": "奖励积分"}]
    assert (await Channel.get(slug="bank-a-mall")).points_unit_names == {"EN": "points", "ZH_HANS": "奖励积分"}


async def test_blank_long_and_multi_line_names_are_refused_and_nothing_changes(api, settings, channel):
    # given
    token = await desk_token(settings)
    await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": BRAND}, token)
    bad = [{"languageCode": "EN", "name": "   "}, {"languageCode": "ZH_HANS", "name": "积" * 33},
           {"languageCode": "FR", "name": "points\nde fidélité"}]

    # when
    answer = await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": bad}, token)

    # then
    assert answer["issuerSettingsUpdate"] == {"issuer": None, "errors": [
        {"field": "pointsUnitNames", "code": "REQUIRED", "message": "The EN name of the points unit is blank."},
        {"field": "pointsUnitNames", "code": "INVALID",
         "message": "Use at most 32 characters on one line for the ZH_HANS name of the points unit."},
        {"field": "pointsUnitNames", "code": "INVALID",
         "message": "Use at most 32 characters on one line for the FR name of the points unit."}]}
    assert (await Issuer.get(code="BANKA")).points_unit_names == {"EN": "Bonus Points", "ZH_HANS": "奖励积分"}
    assert (await Channel.get(slug="bank-a-mall")).points_unit_names == {"EN": "Bonus Points", "ZH_HANS": "奖励积分"}


async def test_another_banks_desk_cannot_name_the_unit_and_nothing_changes(api, settings, channel):
    # given
    other = await desk_token(settings, "BANKB")

    # when
    answer = await api.post(NAME_UNIT, {"issuer": "BANKA", "names": BRAND}, other)

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert (await Issuer.get(code="BANKA")).points_unit_names == {}
    assert (await Channel.get(slug="bank-a-mall")).points_unit_names == {}


async def test_a_channel_named_after_its_issuer_copies_the_names(api, settings, issuer):
    # given
    await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": BRAND}, await desk_token(settings))
    operator = token_for(await make_staff("ops@example.com", ["MANAGE_CHANNELS"]), settings)

    # when
    await api.ok("""mutation { channelCreate(input: {name: "Second", slug: "bank-a-second", currencyCode: "PTS",
      defaultCountry: CN, issuerCode: "BANKA"}) { errors { field code } } }""", {}, operator)

    # then
    assert (await Channel.get(slug="bank-a-second")).points_unit_names == {"EN": "Bonus Points", "ZH_HANS": "奖励积分"}


NAME_SINGULAR = """mutation Name($issuer: String!, $names: [PointsUnitNameInput!]) {
  issuerSettingsUpdate(issuer: $issuer, input: {pointsUnitNamesSingular: $names}) {
    issuer { pointsUnitNamesSingular { languageCode name } one: pointsUnitName(languageCode: EN, amount: 1) }
    errors { field code message } } }"""
CHANNEL_AMOUNTS = """query Unit($slug: String!) { channel(slug: $slug) {
  one: pointsUnitName(languageCode: EN, amount: 1) two: pointsUnitName(languageCode: EN, amount: 2)
  any: pointsUnitName(languageCode: EN) zhOne: pointsUnitName(languageCode: ZH_HANS, amount: 1)
  pointsUnitNamesSingular { languageCode name } } }"""
ONE_POINT = [{"languageCode": "EN", "name": " point "}]


async def test_the_banks_desk_names_one_point_and_the_channel_reads_it_beside_exactly_one(api, settings, channel):
    # given
    token = await desk_token(settings)
    await api.ok(NAME_UNIT, {"issuer": "BANKA", "names": [{"languageCode": "EN", "name": "points"}]}, token)

    # when
    answer = await api.ok(NAME_SINGULAR, {"issuer": "BANKA", "names": ONE_POINT}, token)

    # then: trimmed; beside 1 the singular, beside anything else (or no amount) the plural; Chinese has none
    assert answer["issuerSettingsUpdate"] == {"errors": [], "issuer": {
        "pointsUnitNamesSingular": [{"languageCode": "EN", "name": "point"}], "one": "point"}}
    assert (await api.ok(CHANNEL_AMOUNTS, {"slug": "bank-a-mall"}))["channel"] == {
        "one": "point", "two": "points", "any": "points", "zhOne": "积分",
        "pointsUnitNamesSingular": [{"languageCode": "EN", "name": "point"}]}


async def test_a_bad_singular_name_is_refused_naming_its_field_and_nothing_changes(api, settings, channel):
    # given
    token = await desk_token(settings)
    await api.ok(NAME_SINGULAR, {"issuer": "BANKA", "names": ONE_POINT}, token)

    # when
    answer = await api.ok(NAME_SINGULAR, {"issuer": "BANKA", "names": [{"languageCode": "EN", "name": "  "}]}, token)

    # then
    assert answer["issuerSettingsUpdate"] == {"issuer": None, "errors": [
        {"field": "pointsUnitNamesSingular", "code": "REQUIRED",
         "message": "The EN name of the points unit is blank."}]}
    assert (await Issuer.get(code="BANKA")).points_unit_names_singular == {"EN": "point"}
    assert (await Channel.get(slug="bank-a-mall")).one_point_names == {"EN": "point"}


async def test_a_channel_named_after_its_issuer_copies_the_singular_names(api, settings, issuer):
    # given
    await api.ok(NAME_SINGULAR, {"issuer": "BANKA", "names": ONE_POINT}, await desk_token(settings))
    operator = token_for(await make_staff("ops@example.com", ["MANAGE_CHANNELS"]), settings)

    # when
    await api.ok("""mutation { channelCreate(input: {name: "Second", slug: "bank-a-second", currencyCode: "PTS",
      defaultCountry: CN, issuerCode: "BANKA"}) { errors { field code } } }""", {}, operator)

    # then
    assert (await Channel.get(slug="bank-a-second")).one_point_names == {"EN": "point"}
