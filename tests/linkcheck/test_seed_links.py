"""The seed content holds no placeholder links, so it loads under the same rule as the admin."""

import yaml

from pages.blocks import placeholder_link_problem, rich_text_links
from pages.seed_content import fixture_files, markup_to_html


def strings_in(data, key=""):
    if isinstance(data, dict):
        for name, value in data.items():
            yield from strings_in(value, str(name))
    elif isinstance(data, list):
        for item in data:
            yield from strings_in(item, key)
    elif isinstance(data, str):
        yield key, data


def test_no_seed_file_holds_a_placeholder_link():
    problems = []
    links = 0
    for path in fixture_files():
        for key, text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            addresses = [href for href, _ in rich_text_links(markup_to_html(text))]
            if key.endswith(("url", "website")):
                addresses.append(text)
            for address in addresses:
                links += 1
                if problem := placeholder_link_problem(address):
                    problems.append(f"{path.name}: {key}: {address} {problem}")
    assert links >= 5  # the walk reaches the addresses the files hold
    assert problems == []
