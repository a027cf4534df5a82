"""The install metadata in pyproject.toml, as the pip of a fresh Python 3.11 reads it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def all_requirements() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *(r for group in project["optional-dependencies"].values() for r in group)]


def test_extras_of_dependencies_are_spelled_in_normalised_form():
    # pip before 23.3 (Python 3.11.7 ships 23.2.1) compares extra names literally: "lxml[html_clean]" found no
    # extra in lxml's metadata ("html-clean"), installed plain lxml with a warning, and every HTML article then
    # failed on trafilatura's import of lxml.html.clean
    for line in all_requirements():
        requirement = Requirement(line)
        for extra in requirement.extras:
            assert extra == canonicalize_name(extra), f"{line}: write the extra as [{canonicalize_name(extra)}]"
