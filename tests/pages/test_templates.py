"""Templates stay readable in a side-by-side diff: no line is over 160 characters.

djlint (`make lint`) checks the other template rules; it measures lines only when it
reformats, which this project does not do, so the length is checked here.
"""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
MAX_LINE = 160


def long_lines(folder):
    for path in sorted(folder.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if len(line) > MAX_LINE:
                yield f"{path.relative_to(folder)}:{number} ({len(line)} characters)"


def test_no_template_line_is_over_160_characters():
    assert sorted(TEMPLATES.rglob("*.html")), "no templates found"
    assert list(long_lines(TEMPLATES)) == []


def test_a_long_line_is_reported_with_its_file_and_line(tmp_path):
    (tmp_path / "components").mkdir()
    lines = ["<p>short</p>", "x" * 160, "y" * 161]
    (tmp_path / "components" / "card.html").write_text("\n".join(lines))
    assert list(long_lines(tmp_path)) == ["components/card.html:3 (161 characters)"]
