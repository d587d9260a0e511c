"""Saleor's catalogue mutations (and the mall's review steps): each validates, checks who edits, calls services."""

from __future__ import annotations

import strawberry

from catalog.graphql.mutations.media import MediaMutations
from catalog.graphql.mutations.products import ProductMutations
from catalog.graphql.mutations.review import ReviewMutations
from catalog.graphql.mutations.structure import StructureMutations
from catalog.graphql.mutations.variants import VariantMutations


@strawberry.type
class CatalogMutations(ProductMutations, VariantMutations, MediaMutations, StructureMutations, ReviewMutations):
    pass
