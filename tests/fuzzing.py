"""Shared by the fuzz tests: one property, a fast run by default and a long one under ``slow``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

Body = Callable[..., None]


def fuzz(fast: int, slow: int, **strategies: st.SearchStrategy[Any]) -> Callable[[Body], Any]:
    """Two tests from one property: ``fast`` cases by default, ``slow`` under the slow marker."""

    def both(body: Body) -> tuple[Any, Any]:
        def make(count: int) -> Any:
            return settings(
                max_examples=count,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
            )(given(**strategies)(body))

        return make(fast), pytest.mark.slow(make(slow))

    return both
