"""The bank link's part of the API, assembled by mall.graphql.schema."""

from __future__ import annotations

import strawberry

from bank_link.graphql.issuers import IssuerMutations, IssuerQueries
from bank_link.graphql.liability import LiabilityQueries
from bank_link.graphql.lookups import MemberLookupMutations, MemberLookupQueries
from bank_link.graphql.points import PointsCreditMutations
from bank_link.graphql.programme_settings import IssuerSettingsMutations
from bank_link.graphql.uploads import BankFileImportMutations


@strawberry.type
class BankQueries(IssuerQueries, LiabilityQueries, MemberLookupQueries):
    pass


@strawberry.type
class BankMutations(IssuerMutations, IssuerSettingsMutations, PointsCreditMutations, MemberLookupMutations,
                    BankFileImportMutations):
    pass
