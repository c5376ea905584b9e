"""A copy of the seed files with review dates and a hold written in, for tests of the loader
that must not depend on what the shipped files say today."""

import datetime
import itertools
from pathlib import Path

import yaml

from pages.seed_content import fixture_files

DATES = [datetime.date(2016, 5, 16), datetime.date(2019, 1, 24), datetime.date(2023, 7, 1)]
HELD = "Suspected typo in the email address: check with Children's Services first."


def _pages(spec):
    yield spec
    for child in spec.get("children") or []:
        yield from _pages(child)


def dated_copy(folder: Path):
    """Writes the copy into folder; returns its files. Each page gets a last_reviewed from
    DATES in turn, every third page a later last_updated; Westminster's Children's Services
    contact is held."""
    folder.mkdir(parents=True, exist_ok=True)
    dates = itertools.cycle(DATES)
    files = []
    for path in fixture_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "home" in data:
            for number, spec in enumerate(_pages(data["home"])):
                spec["last_reviewed"] = next(dates)
                spec.pop("last_updated", None)
                if number % 3 == 1:
                    spec["last_updated"] = spec["last_reviewed"] + datetime.timedelta(days=40)
        for contact in data.get("contacts") or []:
            if contact["key"] == "childrens-services":
                contact["held_reason"] = HELD
        copy = folder / path.name
        copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        files.append(copy)
    return files
