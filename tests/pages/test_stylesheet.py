"""The stylesheet has what the templates use and nothing they do not.

A GOV.UK Frontend component is compiled in only when static/scss/_govuk.scss imports it, so a
template that starts using one the stylesheet does not import would show unstyled; and a style
of ours, or a GOV.UK component, that no template, script or Python module names any more is
dead weight for every visitor. main.scss only loads the partials, and a partial it does not load
would silently be left out of the build.
"""

import os
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
NOT_SOURCES = {".git", ".venv", "node_modules", "static_build", "tests", "migrations", "scripts"}
# Email templates carry their own inline styles; they never load the site's stylesheet.
EMAIL_TEMPLATES = PROJECT / "templates" / "newsletters" / "email"
SCSS = PROJECT / "static" / "scss"
COMPILED_CSS = PROJECT / "static_build" / "css" / "main.css"

# A BEM class name after its prefix: block, then optional __element and --modifier.
WORDS = r"[a-z0-9]+(?:-[a-z0-9]+)*"
CLASS_NAME = rf"{WORDS}(?:__{WORDS})?(?:--{WORDS})?"


def class_names(prefix, text):
    return set(re.findall(rf"(?<![\w-])({prefix}-{CLASS_NAME})(?![\w-])", text))


def source_files(suffixes):
    """The site's templates, scripts or Python modules: where class names are written."""
    for folder, subfolders, files in os.walk(PROJECT):
        subfolders[:] = [name for name in subfolders if name not in NOT_SOURCES]
        for name in files:
            path = Path(folder) / name
            if path.suffix in suffixes and EMAIL_TEMPLATES not in path.parents:
                yield path


def names_in_sources(prefix, suffixes):
    found = {}
    for path in source_files(suffixes):
        for name in class_names(prefix, path.read_text(encoding="utf-8")):
            found.setdefault(name, path.relative_to(PROJECT))
    return found


def test_every_style_of_ours_is_used():
    defined = set()
    for scss in SCSS.rglob("*.scss"):
        defined |= set(re.findall(rf"\.(app-{CLASS_NAME})(?![\w-])", scss.read_text()))
    used = names_in_sources("app", {".html", ".py", ".mjs", ".js"})
    assert defined, "no app- classes found in static/scss"
    assert sorted(defined - set(used)) == []


def component(name):
    """The block a GOV.UK class belongs to: govuk-radios for govuk-radios__item--checked."""
    return re.split("__|--", name)[0]


def test_every_gov_uk_component_a_template_uses_is_in_the_stylesheet():
    assert COMPILED_CSS.exists(), "Build the stylesheet first: npm run build"
    css = COMPILED_CSS.read_text()
    styled = {component(name) for name in re.findall(rf"\.(govuk-{CLASS_NAME})", css)}
    missing = {
        name: str(path)
        # Not the scripts: ours only start GOV.UK Frontend's, which style their own markup.
        for name, path in names_in_sources("govuk", {".html", ".py"}).items()
        # govuk-js-* classes are hooks for GOV.UK Frontend's scripts, never styled.
        if not name.startswith("govuk-js-") and component(name) not in styled
    }
    assert missing == {}


def test_every_gov_uk_component_the_stylesheet_imports_is_used():
    imports = r'@use "govuk-frontend/dist/govuk/components/([a-z-]+)"'
    imported = set(re.findall(imports, scss_text()))
    # Scripts count here: GOV.UK Frontend's scripts look for data-module="govuk-..." markup.
    used = {component(name) for name in names_in_sources("govuk", {".html", ".py", ".mjs"})}
    assert imported, "no GOV.UK components imported in static/scss"
    assert sorted(name for name in imported if f"govuk-{name}" not in used) == []


def scss_text():
    return "\n".join(path.read_text() for path in sorted(SCSS.rglob("*.scss")))


def loaded_modules(path):
    """The partials a Sass file loads, as file names: "header" is _header.scss."""
    names = re.findall(r'^@(?:use|forward) "([a-z-]+)"', path.read_text(), flags=re.MULTILINE)
    return {f"_{name}.scss" for name in names}


def test_main_scss_only_loads_partials_and_loads_every_one():
    main = SCSS / "main.scss"
    code = [
        line
        for line in main.read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]
    load = re.compile(r'@(use|forward) "[a-z-]+"( as \*)?;')
    assert [line for line in code if not load.fullmatch(line)] == []
    partials = {path.name for path in SCSS.glob("_*.scss")}
    loaded = loaded_modules(main)
    for name in partials & loaded:
        loaded |= loaded_modules(SCSS / name)
    assert sorted(partials - loaded) == []
    assert sorted(loaded - partials) == []
