"""Compressed responses: Brotli or gzip, whichever the browser accepts (Brotli first).

Only what the site itself writes is compressed here: pages, the sitemap, feeds, robots.txt.
Static files are compressed once, at `collectstatic`, and WhiteNoise serves them before this
middleware is reached; uploaded documents are streamed and left alone.

This middleware sits above the page cache, so it compresses the page as it leaves, after the
cache has swapped in a fresh CSP nonce. A cached page is therefore compressed again on every
reply: the nonce differs each time, and compressing a page takes well under a millisecond.

BREACH: compression can leak a secret in a page, byte by byte, to someone who can make the
visitor's browser request it many times with text of their choosing in it. So only replies that
any anonymous visitor would get alike are compressed: never one that sets a cookie, one to a
signed-in officer (who carries a session cookie), or one holding a CSRF token. Public pages hold
no per-visitor secret (tests/delivery/test_compression.py checks every page of the seed content);
pages with a form that carries a CSRF token go out uncompressed.
"""

import gzip

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers

# Below this many bytes the saving is smaller than a network packet's worth.
MIN_LENGTH = 1000
# Brotli 5 and gzip 6 are the usual levels for text compressed as it is sent: most of the
# saving of the highest levels at a small part of their time.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/manifest+json",
    "application/javascript",
    "image/svg+xml",
)
CSRF_FIELD = b"csrfmiddlewaretoken"


def _weights(accept_encoding):
    """{coding: q} from an Accept-Encoding header, such as 'gzip, deflate, br;q=0.9'."""
    weights = {}
    for item in accept_encoding[:500].split(","):
        coding, _, params = item.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding.strip():
            weights[coding.strip().lower()] = quality
    return weights


def chosen_coding(accept_encoding):
    """'br', 'gzip' or None: Brotli unless the browser prefers gzip or refuses Brotli."""
    weights = _weights(accept_encoding)
    anything = weights.get("*", 0.0)
    br = weights.get("br", anything)
    gz = weights.get("gzip", weights.get("x-gzip", anything))
    if br > 0 and br >= gz:
        return "br"
    if gz > 0:
        return "gzip"
    return None


def compress(content, coding):
    if coding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)


def _compressible(response):
    return (
        not response.streaming
        and response.status_code != 206
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES)
        and "no-transform" not in response.get("Cache-Control", "")
        and len(response.content) >= MIN_LENGTH
    )


def _same_for_every_visitor(request, response):
    """No secret of this visitor's in the reply: the BREACH rule in the module docstring."""
    return (
        not response.cookies
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CSRF_FIELD not in response.content
    )


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _compressible(response) or not _same_for_every_visitor(request, response):
            return response
        # Whether or not this reply is compressed, a shared cache must not hand it to a
        # browser that asked differently.
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = chosen_coding(request.headers.get("Accept-Encoding", ""))
        if coding is None:
            return response
        compressed = compress(response.content, coding)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = coding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # the bytes differ from the uncompressed ones
        return response
