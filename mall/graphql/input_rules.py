"""What clean input text is: the rules the input boundary (mall/graphql/boundary.py) applies to every string.

A string is refused, never silently rewritten (a password or a reference must reach the service exactly as
typed, or not at all), when:

- it is longer than its field allows. The limit is the shortest column the field is stored in or looked up
  by, so PostgreSQL never sees a value too long for its column and tortoise's length validators never fail
  deep inside a service (both answered "Internal Server Error"). Lengths count characters (code points),
  as PostgreSQL's `varchar(n)` and tortoise do: 300 emoji are 300 characters;
- it holds a NUL (PostgreSQL cannot store one in text or JSON), another C0 control character or DEL
  (tab, line feed and carriage return are text), or half of a surrogate pair (not encodable as UTF-8).

Messages follow Django's validators, as Saleor's do.
"""

from __future__ import annotations

import re

# Strings whose field is not listed below: names, slugs, SKUs, searches, codes of 250 characters and more.
DEFAULT_TEXT_LIMIT = 250
# A global ID is base64 of "Type:pk"; the longest we make (a UUID-keyed type) is under 100 characters.
ID_LIMIT = 256
# JSONString inputs (rich-text descriptions, sign-on payloads) as a whole, and each string inside a JSON value.
JSON_TEXT_LIMIT = 100_000
# Input objects, lists and JSON values nested deeper than this are refused before anything recurses into
# them (graphql-core's coercion and our own walk recurse once per level).
MAX_INPUT_DEPTH = 32

# Limits of String inputs by field or argument name; "InputType.field" wins over the bare name. Fields whose
# service checks an exact format before storing them, and that nothing looks rows up by (currency codes,
# points units, a credit's kind), keep the default: the client reads the service's own message ("Use a
# three-letter ISO currency code.").
TEXT_LIMITS: dict[str, int] = {
    # shorter columns
    "postalCode": 20,
    "phone": 32,
    "cityArea": 128,
    "countryArea": 128,
    "backgroundImageAlt": 128,
    "code": 64,
    "carrierCode": 64,
    "counterpartyCode": 64,
    "customerReference": 64,
    "issuer": 64,
    "issuerCode": 64,
    "partner": 64,
    "partnerCode": 64,
    "timeZone": 64,
    "period": 7,  # settlement statements are filtered by it as typed
    "reference": 200,
    "signingSecret": 200,
    "SeoInput.title": 70,
    "SeoInput.description": 300,
    # longer columns and free text
    "email": 254,
    "contactEmail": 254,
    "firstName": 256,
    "lastName": 256,
    "companyName": 256,
    "streetAddress1": 256,
    "streetAddress2": 256,
    "city": 256,
    "trackingNumber": 255,
    "reason": 500,
    "endpointUrl": 500,
    "trackingUrlTemplate": 500,
    "storageLocation": 500,
    "note": 1000,
    "customerNote": 2000,
    "mediaUrl": 2000,
    "redirectUrl": 2000,
    "password": 1000,
    "newPassword": 1000,
    "oldPassword": 1000,
    "after": 4000,  # cursors carry the sort keys of a row (a 250-character name, base64)
    "before": 4000,
    "token": 8000,  # JWTs: a staff token lists its permissions
    "refreshToken": 8000,
    "csrfToken": 8000,
    "ssoPublicKeyPem": 10_000,
    "value": 10_000,  # metadata values
    # customer service cases (cases/): what members and staff write
    "ServiceCaseOpenInput.description": 4000,
    "ServiceCaseResolveInput.note": 4000,
    "body": 4000,
    "comment": 1000,
}

# Saleor flattens `seo: {title, description}` into the model's `seo_title` / `seo_description` before
# validating, so its errors name `seoTitle` / `seoDescription`; a Dashboard highlights the form field by it.
ERROR_FIELD_NAMES: dict[str, str] = {
    "SeoInput.title": "seoTitle",
    "SeoInput.description": "seoDescription",
}

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def text_limit(field: str, parent: str | None) -> int:
    """The longest String the field takes; `parent` is the input object type holding it, if any."""
    if parent is not None:
        qualified = TEXT_LIMITS.get(f"{parent}.{field}")
        if qualified is not None:
            return qualified
    return TEXT_LIMITS.get(field, DEFAULT_TEXT_LIMIT)


def error_field_name(field: str, parent: str | None) -> str:
    """The `field` an error about this input field names: the field itself unless Saleor names it otherwise."""
    if parent is None:
        return field
    return ERROR_FIELD_NAMES.get(f"{parent}.{field}", field)


def text_problem(text: str, limit: int) -> str | None:
    """Why `text` is refused, or None when it is clean and short enough."""
    if len(text) > limit:
        return f"Ensure this value has at most {limit} characters (it has {len(text)})."
    forbidden = _FORBIDDEN.search(text)
    if forbidden is None:
        return None
    character = forbidden.group()
    if character == "\x00":
        return "Null characters are not allowed."
    if "\ud800" <= character <= "\udfff":
        return "Unpaired surrogate characters are not allowed."
    return "Control characters are not allowed."
