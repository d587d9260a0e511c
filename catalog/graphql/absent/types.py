"""Saleor's types for models (pages, page types), file uploads and product exports, as far as the
Dashboard uses them: inputs, payloads and errors of mutations the mall refuses (catalog/graphql/absent/mutations.py),
and of the page mutations it serves (catalog/graphql/mutations/pages.py)."""

from __future__ import annotations

import datetime

import strawberry

from catalog.graphql.admin.enums import listed_enum
from catalog.graphql.admin.errors import TranslationError
from catalog.graphql.admin.inputs import AttributeValueInput
from catalog.graphql.admin.translatable import PageTranslatableContent
from catalog.graphql.attributes import File
from catalog.graphql.content import Page, PageType
from catalog.graphql.inputs import ProductFilterInput
from catalog.graphql.mutations.common import errors_field
from catalog.graphql.mutations.products import SeoInput
from mall.graphql.common import Node
from mall.graphql.enums import JobStatusEnum, OrderDirection
from mall.graphql.scalars import (
    JSONString,
)


@strawberry.input
class PageTypeSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort page types.")
    field: PageTypeSortField = strawberry.field(description="Sort page types by the selected field.")


PageTypeSortField = listed_enum("PageTypeSortField", [("NAME", None), ("SLUG", None)])


@strawberry.input
class PageTypeFilterInput:
    search: str | None = strawberry.field(default=None)
    slugs: list[str] | None = strawberry.field(default=None)


@strawberry.type(description="Export products to csv file.")
class ExportProducts:
    export_file: ExportFile | None = strawberry.field(
        default=None,
        description="The newly created export file job which is responsible for export data.",
    )
    errors: list[ExportError] = errors_field()


@strawberry.type(description="Represents a job data of exported file.")
class ExportFile(Node):
    status: JobStatusEnum = strawberry.field(description="Job status.")
    url: str | None = strawberry.field(default=None, description="The URL of field to download.")


@strawberry.type
class ExportError:
    field: str | None = strawberry.field(default=None, description="Name of a field that caused the error.")
    message: str | None = strawberry.field(default=None, description="The error message.")
    code: ExportErrorCode = strawberry.field(description="The error code.")


ExportErrorCode = listed_enum(
    "ExportErrorCode", [("GRAPHQL_ERROR", None), ("INVALID", None), ("NOT_FOUND", None), ("REQUIRED", None)]
)


@strawberry.input
class ExportProductsInput:
    scope: ExportScope = strawberry.field(description="Determine which products should be exported.")
    filter: ProductFilterInput | None = strawberry.field(default=None, description="Filtering options for products.")
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="List of products IDs to export.")
    export_info: ExportInfoInput | None = strawberry.field(
        default=None, description="Input with info about fields which should be exported."
    )
    file_type: FileTypesEnum = strawberry.field(description="Type of exported file.")


ExportScope = listed_enum("ExportScope", [("ALL", None), ("IDS", None), ("FILTER", None)])


@strawberry.input
class ExportInfoInput:
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute ids witch should be exported."
    )
    warehouses: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of warehouse ids witch should be exported."
    )
    channels: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of channels ids which should be exported."
    )
    fields: list[ProductFieldEnum] | None = strawberry.field(
        default=None, description="List of product fields witch should be exported."
    )


ProductFieldEnum = listed_enum(
    "ProductFieldEnum",
    [
        ("NAME", None),
        ("DESCRIPTION", None),
        ("PRODUCT_TYPE", None),
        ("CATEGORY", None),
        ("PRODUCT_WEIGHT", None),
        ("COLLECTIONS", None),
        ("CHARGE_TAXES", None),
        ("PRODUCT_MEDIA", None),
        ("VARIANT_ID", None),
        ("VARIANT_SKU", None),
        ("VARIANT_WEIGHT", None),
        ("VARIANT_MEDIA", None),
    ],
)

FileTypesEnum = listed_enum("FileTypesEnum", [("CSV", None), ("XLSX", None)])


@strawberry.type(description="Upload a file.")
class FileUpload:
    uploaded_file: File | None = strawberry.field(default=None)
    errors: list[UploadError] = errors_field()


@strawberry.type
class UploadError:
    field: str | None = strawberry.field(default=None, description="Name of a field that caused the error.")
    message: str | None = strawberry.field(default=None, description="The error message.")
    code: UploadErrorCode = strawberry.field(description="The error code.")


UploadErrorCode = listed_enum(
    "UploadErrorCode",
    [
        ("GRAPHQL_ERROR", None),
        ("INVALID_FILE_TYPE", None),
        ("UNSUPPORTED_MIME_TYPE", None),
        # The mall's every mutation reports refused input as INVALID (mall/graphql/boundary.py).
        ("INVALID", "Points mall: the input was refused, or uploads are not available."),
    ],
)


@strawberry.type(description="Assign attributes to a given page type.")
class PageAttributeAssign:
    page_type: PageType | None = strawberry.field(default=None, description="The updated page type.")
    errors: list[PageError] = errors_field()


@strawberry.type
class PageError:
    field: str | None = strawberry.field(default=None, description="Name of a field that caused the error.")
    message: str | None = strawberry.field(default=None, description="The error message.")
    code: PageErrorCode = strawberry.field(description="The error code.")
    attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attributes IDs which causes the error."
    )
    values: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute values IDs which causes the error."
    )


PageErrorCode = listed_enum(
    "PageErrorCode",
    [
        ("GRAPHQL_ERROR", None),
        ("INVALID", None),
        ("NOT_FOUND", None),
        ("REQUIRED", None),
        ("UNIQUE", None),
        ("DUPLICATED_INPUT_ITEM", None),
        ("ATTRIBUTE_ALREADY_ASSIGNED", None),
    ],
)


@strawberry.type(description="Unassign attributes from a given page type.")
class PageAttributeUnassign:
    page_type: PageType | None = strawberry.field(default=None, description="The updated page type.")
    errors: list[PageError] = errors_field()


@strawberry.type(description="Deletes pages.")
class PageBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[PageError] = errors_field()


@strawberry.type(description="Publish pages.")
class PageBulkPublish:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[PageError] = errors_field()


@strawberry.type(description="Creates a new page.")
class PageCreate:
    errors: list[PageError] = errors_field()
    page: Page | None = strawberry.field(default=None)


@strawberry.input
class PageCreateInput:
    slug: str | None = strawberry.field(default=None, description="Page internal name.")
    title: str | None = strawberry.field(default=None, description="Page title.")
    content: JSONString | None = strawberry.field(default=None, description="Page content.")
    attributes: list[AttributeValueInput] | None = strawberry.field(default=None, description="List of attributes.")
    is_published: bool | None = strawberry.field(
        default=None, description="Determines if page is visible in the storefront."
    )
    publication_date: str | None = strawberry.field(default=None, description="Publication date.")
    published_at: datetime.datetime | None = strawberry.field(default=None, description="Publication date time.")
    seo: SeoInput | None = strawberry.field(default=None, description="Search engine optimization fields.")
    page_type: strawberry.ID = strawberry.field(description="ID of the page type that page belongs to.")


@strawberry.type(description="Deletes a page.")
class PageDelete:
    errors: list[PageError] = errors_field()
    page: Page | None = strawberry.field(default=None)


@strawberry.type(description="Creates/updates translations for a page.")
class PageTranslate:
    errors: list[TranslationError] = errors_field()
    page: PageTranslatableContent | None = strawberry.field(default=None)


@strawberry.input
class PageTranslationInput:
    slug: str | None = strawberry.field(default=None)
    seo_title: str | None = strawberry.field(default=None)
    seo_description: str | None = strawberry.field(default=None)
    title: str | None = strawberry.field(default=None)
    content: JSONString | None = strawberry.field(default=None, description="Translated page content.")


@strawberry.type(description="Deletes page types.")
class PageTypeBulkDelete:
    errors: list[PageError] = errors_field()


@strawberry.type(description="Creates a new page type.")
class PageTypeCreate:
    errors: list[PageError] = errors_field()
    page_type: PageType | None = strawberry.field(default=None)


@strawberry.input
class PageTypeCreateInput:
    name: str | None = strawberry.field(default=None, description="Name of the page type.")
    slug: str | None = strawberry.field(default=None, description="Page type slug.")
    add_attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute IDs to be assigned to the page type."
    )


@strawberry.type(description="Deletes a page type.")
class PageTypeDelete:
    errors: list[PageError] = errors_field()
    page_type: PageType | None = strawberry.field(default=None)


@strawberry.type(description="Reorder the attributes of a page type.")
class PageTypeReorderAttributes:
    page_type: PageType | None = strawberry.field(
        default=None, description="Page type from which attributes are reordered."
    )
    errors: list[PageError] = errors_field()


@strawberry.type(description="Updates page type.")
class PageTypeUpdate:
    errors: list[PageError] = errors_field()
    page_type: PageType | None = strawberry.field(default=None)


@strawberry.input
class PageTypeUpdateInput:
    name: str | None = strawberry.field(default=None, description="Name of the page type.")
    slug: str | None = strawberry.field(default=None, description="Page type slug.")
    add_attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute IDs to be assigned to the page type."
    )
    remove_attributes: list[strawberry.ID] | None = strawberry.field(
        default=None, description="List of attribute IDs to be unassigned from the page type."
    )


@strawberry.type(description="Updates an existing page.")
class PageUpdate:
    errors: list[PageError] = errors_field()
    page: Page | None = strawberry.field(default=None)


@strawberry.input
class PageInput:
    slug: str | None = strawberry.field(default=None, description="Page internal name.")
    title: str | None = strawberry.field(default=None, description="Page title.")
    content: JSONString | None = strawberry.field(default=None, description="Page content.")
    attributes: list[AttributeValueInput] | None = strawberry.field(default=None, description="List of attributes.")
    is_published: bool | None = strawberry.field(
        default=None, description="Determines if page is visible in the storefront."
    )
    publication_date: str | None = strawberry.field(default=None, description="Publication date.")
    published_at: datetime.datetime | None = strawberry.field(default=None, description="Publication date time.")
    seo: SeoInput | None = strawberry.field(default=None, description="Search engine optimization fields.")
