"""A small strawberry schema with every shape a plan handles: interfaces, unions, lists, non-null
fields, enums, input objects, async resolvers batched through a DataLoader, and resolvers that fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info


@dataclass
class Shop:
    """The context: the loader of gifts by id, and the batches it was asked for."""

    batches: list[list[int]] = field(default_factory=list)
    loader: DataLoader[int, Any] | None = None

    def __post_init__(self) -> None:
        async def load(ids: list[int]) -> list[Any]:
            self.batches.append(list(ids))
            return [GIFTS[pk] for pk in ids]

        self.loader = DataLoader(load_fn=load)


@strawberry.enum
class Size(Enum):
    SMALL = "small"
    LARGE = "large"


@strawberry.input
class Window:
    first: int = 2
    size: Size = Size.SMALL


@strawberry.interface
class Gift:
    id: strawberry.ID
    name: str


@strawberry.type
class Voucher(Gift):
    value: int


@strawberry.type
class Parcel(Gift):
    weight: float
    size: Size


Prize = Annotated[Voucher | Parcel, strawberry.union("Prize")]

GIFTS: dict[int, Gift] = {
    1: Voucher(id=strawberry.ID("1"), name="Tea voucher", value=50),
    2: Parcel(id=strawberry.ID("2"), name="Kettle", weight=1.5, size=Size.LARGE),
    3: Voucher(id=strawberry.ID("3"), name="Film voucher", value=20),
}


@strawberry.type
class Shelf:
    label: str
    gift_ids: strawberry.Private[list[int]]

    @strawberry.field
    async def gifts(self, info: Info[Shop, Any], window: Window | None = None) -> list[Gift]:
        wanted = self.gift_ids[: window.first] if window else self.gift_ids
        return await info.context.loader.load_many(wanted)  # type: ignore[union-attr]

    @strawberry.field
    def path(self, info: Info[Shop, Any]) -> str:
        return ".".join(str(key) for key in info.path.as_list())

    @strawberry.field
    def sized(self, size: Size = Size.SMALL) -> Size:
        return size

    @strawberry.field
    def broken(self) -> int | None:
        raise ValueError("the shelf fell down")

    @strawberry.field
    def label_required(self) -> str:
        return None  # type: ignore[return-value]  # a resolver that breaks its non-null promise


@strawberry.type
class Query:
    @strawberry.field
    def shelves(self, count: int = 2) -> list[Shelf]:
        return [Shelf(label=f"Shelf {n}", gift_ids=[*[1, 2, 3][n:], 1]) for n in range(count)]

    @strawberry.field
    def prize(self, id: int) -> Prize | None:
        return GIFTS.get(id)  # type: ignore[return-value]

    @strawberry.field
    def gift(self, id: int) -> Gift | None:
        return GIFTS.get(id)

    @strawberry.field
    def greeting(self, root: Any, name: str = "member") -> str:
        return f"Hello, {name}"


@strawberry.type
class Mutation:
    @strawberry.mutation
    def touch(self) -> bool:
        return True


schema = strawberry.Schema(query=Query, mutation=Mutation)
