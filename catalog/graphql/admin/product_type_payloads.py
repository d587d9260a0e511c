"""TODO"""

from __future__ import annotations

import strawberry

from catalog.graphql.mutations.common import ProductError, errors_field
from catalog.graphql.product_type import ProductType


@strawberry.type(description="Deletes product types.")
class ProductTypeBulkDelete:
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Creates a new product type.")
class ProductTypeCreate:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = strawberry.field(default=None)


@strawberry.type(description="Deletes a product type.")
class ProductTypeDelete:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = strawberry.field(default=None)


@strawberry.type(description="Reorder the attributes of a product type.")
class ProductTypeReorderAttributes:
    product_type: ProductType | None = strawberry.field(
        default=None, description="Product type from which attributes are reordered."
    )
    errors: list[ProductError] = errors_field()


@strawberry.type(description="Updates an existing product type.")
class ProductTypeUpdate:
    errors: list[ProductError] = errors_field()
    product_type: ProductType | None = strawberry.field(default=None)
