"""Model fields that read the time through the mall's clock.

Tortoise stamps `auto_now` and `auto_now_add` fields from the wall clock; a test that sets the clock
would then see orders created "now" but stamped today. Models use `ClockDatetimeField` instead of
`fields.DatetimeField` for those two options; the column is the same, so no migration changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise import fields

from kernel import clock


class ClockDatetimeField(fields.DatetimeField[datetime]):
    """A `DatetimeField` whose `auto_now` / `auto_now_add` stamps come from `kernel.clock`."""

    def to_db_value(self, value: Any, instance: Any) -> Any:
        if not self._is_stamped_on_save(instance):
            return super().to_db_value(value, instance)
        stamped: datetime = clock.now()
        setattr(instance, self.model_field_name, self.to_python_value(stamped))
        return stamped

    def _is_stamped_on_save(self, instance: Any) -> bool:
        # The same test as tortoise's own: only model instances (not a class in a filter) are stamped.
        if not hasattr(instance, "_saved_in_db"):
            return False
        return self.auto_now or (self.auto_now_add and getattr(instance, self.model_field_name) is None)
