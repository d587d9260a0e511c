"""How the catalogue refuses: every DomainError of catalog's services carries one of these codes.

Field names are the services' Python names (the API layer camel-cases them). The names follow Saleor's
ProductErrorCode, which most catalogue mutations answer with; the mall's own additions are marked.
"""

from __future__ import annotations

from enum import StrEnum


class CatalogErrorCode(StrEnum):
    REQUIRED = "REQUIRED"  # a value that must not be blank is blank
    INVALID = "INVALID"  # a malformed value, a step only the operator may take, stock allocated to orders
    UNIQUE = "UNIQUE"  # another row has the slug or SKU
    NOT_FOUND = "NOT_FOUND"  # the row does not exist, or belongs to another partner
    DUPLICATED_INPUT_ITEM = "DUPLICATED_INPUT_ITEM"  # a channel or warehouse named twice
    INVALID_PRICE = "INVALID_PRICE"  # a negative or fractional points price
    PRODUCT_NOT_ASSIGNED_TO_CHANNEL = "PRODUCT_NOT_ASSIGNED_TO_CHANNEL"  # priced in a channel it is not listed in
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"  # fewer units in the channel's warehouses than asked
    FILE_SIZE_LIMIT_EXCEEDED = "FILE_SIZE_LIMIT_EXCEEDED"  # an image too large (bytes or pixels)
    UNSUPPORTED_MIME_TYPE = "UNSUPPORTED_MIME_TYPE"  # not a PNG, JPEG, GIF or WebP image
    LISTING_NOT_APPROVED = "LISTING_NOT_APPROVED"  # mall: publishing a listing the operator has not approved
    INVALID_REVIEW_TRANSITION = "INVALID_REVIEW_TRANSITION"  # mall: a review step its state does not allow


class AttributeStoreErrorCode(StrEnum):
    """How the attribute services refuse (catalog/services/attributes.py, attribute_assignment.py,
    attribute_values.py). The names follow Saleor's AttributeErrorCode and ProductErrorCode."""

    REQUIRED = "REQUIRED"  # a name, or a required attribute's value, is missing
    INVALID = "INVALID"  # a malformed slug or number, a value of the wrong kind, an input type we do not store
    UNIQUE = "UNIQUE"  # another attribute has the slug, another value of the attribute the slug
    NOT_FOUND = "NOT_FOUND"  # the attribute, value or choice does not exist
    ALREADY_EXISTS = "ALREADY_EXISTS"  # two values of one input with the same name
    ATTRIBUTE_ALREADY_ASSIGNED = "ATTRIBUTE_ALREADY_ASSIGNED"  # assigned to the product type already
    ATTRIBUTE_CANNOT_BE_ASSIGNED = "ATTRIBUTE_CANNOT_BE_ASSIGNED"  # a page attribute, or one the type lacks


class MenuStoreErrorCode(StrEnum):
    """How the menu services refuse (catalog/services/menus.py). The names are Saleor's MenuErrorCode."""

    REQUIRED = "REQUIRED"  # a blank name
    INVALID = "INVALID"  # a malformed slug or web address, a name too long, a menu too large or too deep
    UNIQUE = "UNIQUE"  # another menu has the slug
    NOT_FOUND = "NOT_FOUND"  # the menu, item, category, collection or page does not exist
    NO_MENU_ITEM_PROVIDED = "NO_MENU_ITEM_PROVIDED"  # an item that links to nothing
    TOO_MANY_MENU_ITEMS = "TOO_MANY_MENU_ITEMS"  # an item given more than one link
    INVALID_MENU_ITEM = "INVALID_MENU_ITEM"  # an item (or parent) of another menu
    CANNOT_ASSIGN_NODE = "CANNOT_ASSIGN_NODE"  # an item moved under itself or one of its descendants
