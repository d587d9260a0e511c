"""The loyalty engine's part of the API, assembled by mall.graphql.schema."""

from __future__ import annotations

import strawberry

from loyalty.graphql.member import LoyaltyMemberMutations, LoyaltyMemberQueries, UserLoyaltyFields
from loyalty.graphql.staff import LoyaltyStaffMutations, LoyaltyStaffQueries

__all__ = ["LoyaltyMutations", "LoyaltyQueries", "UserLoyaltyFields"]


@strawberry.type
class LoyaltyQueries(LoyaltyStaffQueries, LoyaltyMemberQueries):
    pass


@strawberry.type
class LoyaltyMutations(LoyaltyStaffMutations, LoyaltyMemberMutations):
    pass
