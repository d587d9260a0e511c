"""`bankFileImport` (mall-only name): bank staff upload their roster or points feed and get the summary and the
refused rows back at once (the console's upload; large files go through `mall bank import-*`)."""

from __future__ import annotations

import base64
from enum import Enum
from typing import Annotated

import strawberry

from bank_link.errors import BankPointsErrorCode, IssuerErrorCode, UploadErrorCode
from bank_link.uploads import UploadKind, import_upload
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError
from mall.graphql.multipart import UploadedFile
from mall.graphql.mutations import refused
from mall.graphql.permissions import ensure_scope, require_permission
from mall.graphql.scalars import Upload

# Who may send which file: the roster names members, the feed moves points.
PERMISSION_FOR = {UploadKind.MEMBERS: "MANAGE_USERS", UploadKind.POINTS: "MANAGE_POINTS"}

BankFileKindEnum = strawberry.enum(
    Enum("BankFileKindEnum", {kind.name: kind.value for kind in UploadKind}),  # type: ignore[misc]
    name="BankFileKindEnum", description="Points mall: MEMBERS, the bank's roster; POINTS, its points feed.",
)
BankFileImportErrorCode = strawberry.enum(
    Enum("BankFileImportErrorCode", {  # type: ignore[misc]
        "REQUIRED": strawberry.enum_value("REQUIRED", description="No file, or no issuer, was given."),
        "INVALID": strawberry.enum_value("INVALID", description="The file's header cannot be used."),
        "NOT_FOUND": strawberry.enum_value("NOT_FOUND", description="The issuer or channel does not exist."),
        "GRAPHQL_ERROR": strawberry.enum_value("GRAPHQL_ERROR", description="A malformed argument."),
    }),
    name="BankFileImportErrorCode", description="Points mall: why a bank file was refused as a whole.",
)
# Before any row is read the file may meet an unknown issuer, an unknown channel, no file or a bad header;
# refused rows never raise (they go to the error file).
BANK_FILE_IMPORT_ERRORS = ErrorCodes(
    BankFileImportErrorCode,
    same_names(UploadErrorCode, BankFileImportErrorCode),
    same_names(IssuerErrorCode, BankFileImportErrorCode, unreachable={IssuerErrorCode.UNIQUE}),
    same_names(BankPointsErrorCode, BankFileImportErrorCode,
               unreachable=all_but(BankPointsErrorCode, BankPointsErrorCode.NOT_FOUND)),
)


@strawberry.type(description="Points mall: an error of `bankFileImport`.")
class BankFileImportError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: BankFileImportErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.type(description="Points mall: how many rows of the file ended one way.")
class BankFileImportCount:
    outcome: str = strawberry.field(description="created, updated, unchanged (roster); credited, reversed, "
                                    "unchanged (feed).")
    rows: int = strawberry.field(description="Rows with that outcome.")


@strawberry.input(description="Points mall: a roster or points feed file (CSV; a feed may be JSON lines).")
class BankFileImportInput:
    kind: BankFileKindEnum = strawberry.field(description="Roster or points feed.")  # type: ignore[valid-type]
    file: Upload | None = strawberry.field(default=None, description="The file, in a multipart request.")
    issuer: str | None = strawberry.field(default=None, description="The issuer's code; a bank's own staff may "
                                          "leave it out.")
    channel: str | None = strawberry.field(default=None, description="The channel a feed credits, when the issuer "
                                           "has several.")


@strawberry.type(description="Points mall: imports a roster (MANAGE_USERS) or points feed (MANAGE_POINTS) file. "
                 "Good rows are applied, refused rows come back as the error file.")
class BankFileImport:
    rows: int = strawberry.field(default=0, description="Data rows read.")
    counts: list[BankFileImportCount] = strawberry.field(default_factory=list, description="Rows per outcome.")
    refused: int = strawberry.field(default=0, description="Rows refused (in the error file).")
    summary: str = strawberry.field(default="", description="The summary line `mall bank import-*` prints.")
    error_file_name: str | None = strawberry.field(default=None, description="A name for the error file.")
    error_file_base64: str | None = strawberry.field(default=None, description="The error file (the refused rows "
                                                     "with their reason, original bytes kept), base64.")
    errors: list[BankFileImportError] = strawberry.field(
        default_factory=list, description="List of errors that occurred executing the mutation.")


def _issuer_code(principal: Principal, requested: str | None) -> str:
    scope = principal.scope
    code = requested or (scope.code if scope is not None and scope.kind == ScopeKind.ISSUER else None)
    if not code:
        raise DomainError.single("issuer", "Name the issuer.", ApiErrorCode.REQUIRED)
    ensure_scope(principal, ScopeKind.ISSUER, code)
    return code


async def _import(code: str, input: BankFileImportInput) -> BankFileImport:
    upload = input.file if isinstance(input.file, UploadedFile) else None
    if upload is None:
        raise DomainError.single("file", "Send the file in a multipart request.", UploadErrorCode.REQUIRED)
    done = await import_upload(code, UploadKind(input.kind.value), upload.filename, upload.content, input.channel)
    counts = done.summary.counts
    return BankFileImport(
        rows=counts["rows"], refused=counts["refused"], summary=done.summary.line().split(" (see ")[0],
        counts=[BankFileImportCount(outcome=label, rows=counts[label]) for label in done.summary.labels],
        error_file_name=done.error_file_name,
        error_file_base64=base64.b64encode(done.error_file).decode() if done.error_file else None,
    )


@strawberry.type
class BankFileImportMutations:
    @strawberry.mutation(description="Points mall: imports the bank's roster or points feed from an uploaded file, "
                         "as `mall bank import-members` / `import-points` do. Requires MANAGE_USERS (roster) or "
                         "MANAGE_POINTS (feed); a bank's staff import for their own issuer only.")
    async def bank_file_import(
        self, info: Info,
        input: Annotated[BankFileImportInput, strawberry.argument(description="The file and what it is.")],
    ) -> BankFileImport | None:
        principal = await require_permission(info, PERMISSION_FOR[UploadKind(input.kind.value)])
        try:
            code = _issuer_code(principal, input.issuer)
            # No transaction around it: the importer commits batch by batch, like the CLI (a file's good rows
            # are applied whatever its bad ones); a refusal of the whole file happens before any batch.
            return await _import(code, input)
        except DomainError as failure:
            return refused(BankFileImport, BankFileImportError, BANK_FILE_IMPORT_ERRORS, failure)
