"""Checks external addresses over HTTP, politely and within a time limit.

Politely: one request at a time to any one website, a pause between them, a user agent that
names this site, a timeout on every request, retries with a growing wait when a website is
busy or unreachable, and HEAD first (no page body) with GET only when HEAD is refused.
Within a time limit: once it is reached no new request starts, and the addresses not yet
checked keep their last result until the next run.
"""

import socket
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings

from linkcheck.models import CheckedLink

Status = CheckedLink.Status

# Worth another try later in the run: the website may be busy or briefly down.
RETRY_STATUSES = {429, 500, 502, 503, 504}
# A permanent redirect means the address has moved for good: worth updating the link.
PERMANENT_REDIRECTS = {301, 308}


def default_user_agent():
    return (
        "Mozilla/5.0 (compatible; PreventSiteLinkChecker/1.0; "
        f"+{settings.WAGTAILADMIN_BASE_URL}) checks links on the Prevent site"
    )


@dataclass(frozen=True)
class Outcome:
    status: str
    status_code: int | None = None
    problem: str = ""
    redirects_to: str = ""


def describe_status(code):
    if code == 404:
        return "Page not found (404)"
    if code == 410:
        return "Page removed (410)"
    if code in (401, 403):
        return f"The website refused access ({code})"
    if code >= 500:
        return f"The website had an error ({code})"
    return f"The website answered with error {code}"


def _is_dns_failure(error):
    """requests wraps the resolver's error a few levels down."""
    pending, seen = [error], set()
    while pending:
        error = pending.pop()
        if not isinstance(error, BaseException) or id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, socket.gaierror) or type(error).__name__ == "NameResolutionError":
            return True
        pending.extend([getattr(error, "reason", None), error.__cause__, error.__context__])
        pending.extend(error.args)
    return False


class LinkChecker:
    def __init__(
        self,
        *,
        timeout=10.0,
        retries=2,
        backoff=2.0,
        pause=1.0,
        workers=4,
        user_agent=None,
    ):
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.pause = pause
        self.workers = workers
        self.user_agent = user_agent or default_user_agent()
        self.deadline = None

    def _time_left(self):
        if self.deadline is None:
            return float("inf")
        return self.deadline - time.monotonic()

    def _wait(self, seconds):
        """Sleep, but never past the deadline; False when the time is up."""
        seconds = min(seconds, self._time_left())
        if seconds > 0:
            time.sleep(seconds)
        return self._time_left() > 0

    def _request(self, session, method, url):
        timeout = min(self.timeout, max(self._time_left(), 0.1))
        response = session.request(method, url, allow_redirects=True, timeout=timeout, stream=True)
        response.close()  # only the status matters: never download the body
        return response

    def _fetch(self, session, url):
        response = self._request(session, "HEAD", url)
        if response.status_code >= 400:
            # Many websites refuse HEAD (405) or answer it wrongly: ask again as a browser does.
            response = self._request(session, "GET", url)
        return response

    def check(self, url, session=None):
        """The outcome for one address, or None when the time ran out before a verdict."""
        session = session or self._session()
        attempt = 0
        while True:
            if self._time_left() <= 0:
                return None
            try:
                response = self._fetch(session, url)
            except requests.Timeout:
                outcome = Outcome(
                    Status.BROKEN, problem=f"No answer within {self.timeout:g} seconds"
                )
            except requests.TooManyRedirects:
                return Outcome(Status.BROKEN, problem="Its redirects go round in a loop")
            except requests.exceptions.SSLError:
                return Outcome(
                    Status.BROKEN, problem="The website's security certificate is not valid"
                )
            except requests.ConnectionError as error:
                problem = (
                    "The website's name does not exist (DNS failure)"
                    if _is_dns_failure(error)
                    else "Could not connect to the website"
                )
                outcome = Outcome(Status.BROKEN, problem=problem)
            except (requests.RequestException, ValueError):
                return Outcome(Status.BROKEN, problem="The address is not valid")
            else:
                outcome = self._outcome(url, response)
                if response.status_code not in RETRY_STATUSES:
                    return outcome
            if attempt >= self.retries:
                # A website that keeps asking us to slow down (429) is not broken.
                return None if outcome.status_code == 429 else outcome
            if not self._wait(self.backoff * 2**attempt):
                return None
            attempt += 1

    def _outcome(self, url, response):
        code = response.status_code
        if code >= 400:
            return Outcome(Status.BROKEN, status_code=code, problem=describe_status(code))
        moved = any(hop.status_code in PERMANENT_REDIRECTS for hop in response.history)
        if moved and response.url != url:
            return Outcome(Status.REDIRECTED, status_code=code, redirects_to=response.url)
        return Outcome(Status.WORKING, status_code=code)

    def _session(self):
        session = requests.Session()
        session.headers["User-Agent"] = self.user_agent
        session.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
        return session

    def _check_host(self, urls, results):
        """One website's addresses, one at a time, with a pause between requests."""
        with self._session() as session:
            for index, url in enumerate(urls):
                if index and not self._wait(self.pause):
                    return
                outcome = self.check(url, session)
                if outcome is None:
                    return
                results[url] = outcome

    def check_all(self, urls, time_limit=None):
        """Outcomes by address for as many of the addresses (in order) as the time allows."""
        self.deadline = None if time_limit is None else time.monotonic() + time_limit
        by_host = defaultdict(list)
        for url in urls:
            by_host[(urlsplit(url).hostname or "").lower()].append(url)
        results = {}
        if not by_host:
            return results
        with ThreadPoolExecutor(max_workers=min(self.workers, len(by_host))) as pool:
            for future in [
                pool.submit(self._check_host, host_urls, results) for host_urls in by_host.values()
            ]:
                future.result()
        return results
