"""What a visitor typed in the search box, made safe to give to the search backend.

The database backends hand each term to SQLite's FTS5 or PostgreSQL's tsquery syntax, where
quotes, brackets, operators and NUL bytes are errors. A resident's search is only ever words, so
the backend sees only the words: everything else in the box is ignored, never parsed.
"""

import re
import unicodedata

# Longer than any real search; bounds the work one request can ask of the database.
QUERY_MAX_LENGTH = 200
QUERY_MAX_WORDS = 20

# Letters and digits in any script. Punctuation, symbols and emoji separate words, as they do
# for the backends' own tokenisers when they index the pages.
_WORD = re.compile(r"[^\W_]+")


def visible_query(raw):
    """The query as the page shows it back: cut to length, control characters removed."""
    text = "".join(
        " " if unicodedata.category(char) == "Cc" else char for char in raw[:QUERY_MAX_LENGTH]
    )
    return " ".join(text.split())


def search_words(query):
    """The words to search for, separated by spaces; empty when the query has none."""
    return " ".join(_WORD.findall(query)[:QUERY_MAX_WORDS])
