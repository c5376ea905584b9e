"""The checker's verdicts against a real HTTP server on 127.0.0.1, and its manners."""

import time

from linkcheck.checker import LinkChecker
from linkcheck.models import CheckedLink

Status = CheckedLink.Status


def quick_checker(**options):
    # Long enough for a loaded machine and for /slow's hold; tests of timeouts set their own.
    defaults = {"timeout": 5, "retries": 0, "backoff": 0, "pause": 0}
    return LinkChecker(**{**defaults, **options})


def test_each_kind_of_answer_gets_its_verdict(website):
    urls = {
        name: website.url(path)
        for name, path in [
            ("ok", "/ok"),
            ("moved", "/moved"),
            ("moved_for_now", "/moved-for-now"),
            ("missing", "/missing"),
            ("error", "/error"),
            ("no_head", "/no-head"),
        ]
    }
    results = quick_checker().check_all(list(urls.values()), time_limit=20)
    outcome = {name: results[url] for name, url in urls.items()}

    assert outcome["ok"].status == Status.WORKING
    assert outcome["ok"].status_code == 200

    assert outcome["moved"].status == Status.REDIRECTED
    assert outcome["moved"].redirects_to == website.url("/ok-new-home")

    # A temporary redirect keeps the address right: nothing to change.
    assert outcome["moved_for_now"].status == Status.WORKING

    assert outcome["missing"].status == Status.BROKEN
    assert outcome["missing"].status_code == 404
    assert outcome["missing"].problem == "Page not found (404)"

    assert outcome["error"].status == Status.BROKEN
    assert outcome["error"].status_code == 500
    assert outcome["error"].problem == "The website had an error (500)"

    assert outcome["no_head"].status == Status.WORKING
    assert website.requests_for("/no-head") == ["HEAD", "GET"]
    # A working address is asked with HEAD only: its page is never downloaded.
    assert website.requests_for("/ok") == ["HEAD"]


def test_the_user_agent_names_the_site(website):
    quick_checker().check_all([website.url("/ok")])
    user_agent = website.requests[0][3]
    assert user_agent.startswith("Mozilla/5.0 (compatible; PreventSiteLinkChecker/1.0; +")
    assert "http://testserver" in user_agent


def test_a_website_that_never_answers_is_broken_within_the_timeout(website):
    started = time.monotonic()
    results = quick_checker(timeout=0.5, retries=1, backoff=0.1).check_all(
        [website.url("/silent")], time_limit=10
    )
    elapsed = time.monotonic() - started

    outcome = results[website.url("/silent")]
    assert outcome.status == Status.BROKEN
    assert outcome.problem == "No answer within 0.5 seconds"
    assert website.requests_for("/silent") == ["HEAD", "HEAD"]  # one retry
    assert elapsed < 3


def test_a_website_name_that_does_not_exist_is_broken():
    url = "https://no-such-council.invalid/prevent"
    outcome = quick_checker().check_all([url], time_limit=10)[url]
    assert outcome.status == Status.BROKEN
    assert outcome.problem == "The website's name does not exist (DNS failure)"


def test_errors_worth_another_try_are_retried_with_a_wait(website):
    started = time.monotonic()
    results = quick_checker(retries=2, backoff=0.2).check_all([website.url("/error")])
    elapsed = time.monotonic() - started

    assert results[website.url("/error")].status == Status.BROKEN
    # HEAD then GET on each of three tries; waits of 0.2 s then 0.4 s between them.
    assert website.requests_for("/error") == ["HEAD", "GET"] * 3
    assert elapsed >= 0.6


def test_the_time_limit_stops_the_run_and_leaves_the_rest_for_next_time(website):
    urls = [website.url(f"/silent/{n}") for n in range(10)]
    started = time.monotonic()
    results = quick_checker(timeout=0.4).check_all(urls, time_limit=1)
    elapsed = time.monotonic() - started

    assert elapsed < 2.5
    assert 1 <= len(results) < len(urls)
    assert all(outcome.status == Status.BROKEN for outcome in results.values())


def test_one_request_at_a_time_to_each_website(website):
    # Two host names for the same server: each is a website of its own.
    urls = [
        website.url(f"/slow/{n}", host=host)
        for host in ("127.0.0.1", "localhost")
        for n in range(4)
    ]
    results = quick_checker(workers=4).check_all(urls, time_limit=20)

    assert len(results) == 8
    assert {outcome.status for outcome in results.values()} == {Status.WORKING}
    assert website.most_in_flight == {"127.0.0.1": 1, "localhost": 1}
    # The two websites were checked side by side, not one after the other (seen by the server,
    # so a slow machine cannot make this pass or fail).
    assert website.most_in_flight_overall == 2


def test_a_pause_between_requests_to_the_same_website(website):
    urls = [website.url(f"/ok/{n}") for n in range(3)]
    started = time.monotonic()
    quick_checker(pause=0.3).check_all(urls, time_limit=20)
    assert time.monotonic() - started >= 0.6
