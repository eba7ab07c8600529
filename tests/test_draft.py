"""The draft's words for aircraft roles: each gives a role the build accepts (the `role` enum
of schema/aircraft.json) and reads a kind of schema/aircraft_types.json, so that a value
renamed in the schema fails here, not as a draft the build comments out."""

from __future__ import annotations

import pytest

from sino_russian_patrols.draft.patterns import NO_ROLE, ROLE_OF_KIND, ROLE_WORDS, role_of
from sino_russian_patrols.schema import enum_values


def test_every_role_and_kind_of_the_draft_is_in_the_schema() -> None:
    roles = {role for _, role in ROLE_WORDS} | set(ROLE_OF_KIND.values()) | {NO_ROLE}
    assert roles <= set(enum_values("aircraft", "role"))
    assert set(ROLE_OF_KIND) <= set(enum_values("aircraft_types", "kind"))


@pytest.mark.parametrize(
    ("noun", "kind", "role"),
    [
        ("early warning and control aircraft", None, "airborne_early_warning"),
        ("strategic bombers", "fighter", "bomber"),  # the noun before the type's kind
        ("missile carriers", None, "bomber"),
        ("Fighter jets", "bomber", "fighter"),
        ("aircraft", "bomber", "bomber"),  # no role in the noun: the kind's
        ("jets", "fighter", "fighter"),
        ("planes", "transport", "unspecified"),  # a kind that is no patrol role
        ("warplanes", None, "unspecified"),
    ],
)
def test_the_role_comes_from_the_noun_else_from_the_kind(
    noun: str, kind: str | None, role: str
) -> None:
    assert role_of(noun, kind) == role
