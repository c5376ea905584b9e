"""The seed content loads on every site, twice without duplicates, and every page renders."""

import datetime
import re
from urllib.parse import urlparse

import pytest
import yaml
from defusedxml import ElementTree
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from pages.models import ContestStrandPage, SiteBranding, SiteNavigation
from pages.seed_content import FIXTURES_DIR
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

SITES = {
    "localhost": "Westminster City Council",
    "rochford.localhost": "Rochford District Council",
    "londoncouncils.localhost": "London Councils",
}


def sitemap_paths(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)
    return [urlparse(loc.text).path for loc in locations]


def test_loading_twice_creates_nothing_twice_and_every_page_renders(client):
    call_command("load_seed_content")
    counts = (Page.objects.count(), Site.objects.count(), SiteBranding.objects.count())
    call_command("load_seed_content")
    assert (Page.objects.count(), Site.objects.count(), SiteBranding.objects.count()) == counts
    assert Site.objects.count() == 3
    assert SiteNavigation.objects.count() == 3

    for site in Site.objects.all():
        slugs = {}
        for page in site.root_page.get_descendants(inclusive=True):
            key = (page.get_parent().pk, page.slug)
            assert key not in slugs, f"duplicate page {page.url_path}"
            slugs[key] = page

    for host, council in SITES.items():
        paths = sitemap_paths(client, host)
        assert len(paths) >= 5, f"{host} has only {len(paths)} pages in its sitemap"
        for path in paths:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, f"{host}{path} gave {response.status_code}"
            soup = soup_of(response)
            assert council in text_of(soup.select_one(".app-header")), f"{host}{path}"
            assert soup.h1 is not None and text_of(soup.h1)
            assert soup.find("meta", attrs={"name": "description"})["content"]


def test_second_load_keeps_officers_edits(client):
    call_command("load_seed_content")
    site = Site.objects.get(hostname="rochford.localhost")
    page = site.root_page.get_children().get(slug="channel").specific
    page.title = "Channel support (edited by an officer)"
    page.save_revision().publish()
    call_command("load_seed_content")
    page.refresh_from_db()
    assert page.title == "Channel support (edited by an officer)"
    response = client.get("/channel/", HTTP_HOST="rochford.localhost")
    assert "edited by an officer" in text_of(soup_of(response).h1)


def test_seed_content_carries_the_key_facts(client, seeded):
    westminster = Site.objects.get(hostname="localhost")
    assert westminster.is_default_site
    strands = ContestStrandPage.objects.descendant_of(westminster.root_page)
    assert sorted(strands.values_list("strand", flat=True)) == [
        "prepare",
        "prevent",
        "protect",
        "pursue",
    ]

    duty = text_of(soup_of(client.get("/prevent-duty/")).main)
    assert "1 July 2015" in duty
    assert "Counter-Terrorism and Security Act 2015" in duty

    projects = text_of(soup_of(client.get("/community-projects/parenting-programme/")).main)
    assert "57" in projects and "Strengthening Families, Strengthening Communities" in projects

    london = text_of(soup_of(client.get("/prevent-duty/", HTTP_HOST="londoncouncils.localhost")))
    assert "353" in london and "17" in london

    rochford = text_of(soup_of(client.get("/channel/", HTTP_HOST="rochford.localhost")).main)
    assert "Home Office" in rochford


def test_reset_rebuilds_a_site(client):
    call_command("load_seed_content")
    site = Site.objects.get(hostname="rochford.localhost")
    site.root_page.get_children().get(slug="channel").delete()
    call_command("load_seed_content")
    assert site.root_page.get_children().filter(slug="channel").exists()
    before = Page.objects.count()
    call_command("load_seed_content", "--reset")
    assert Page.objects.count() == before


def test_each_council_has_its_own_logo_and_colour(client, settings, seeded):
    seen = set()
    for host in SITES:
        soup = soup_of(client.get("/", HTTP_HOST=host))
        logo = soup.select_one(".app-header__logo")
        assert logo is not None and logo["alt"] == "", host  # the council name sits beside it
        assert (settings.MEDIA_ROOT / logo["src"].removeprefix(settings.MEDIA_URL)).is_file()
        colour = soup.select_one("head style").string
        seen.add((logo["src"], colour))
    assert len(seen) == 3


# --- The seeded text is current, plain and honest about dates --------------------------------

PREVENT_OBJECTIVES_2023 = [
    "tackle the ideological causes of terrorism",
    "intervene early to support people susceptible to radicalisation",
    "enable people who have already engaged in terrorism to disengage and rehabilitate",
]
# Wording of the 2011 objectives, which the seed sources still gave as current.
PREVENT_OBJECTIVES_2011 = [
    "ideological challenge",
    "challenge posed by terrorist ideas",
    "right advice and support",
    "work with sectors",
    "risks of radicalisation which need",
]
SHORT_TEXT_PAGES = [
    "/worried-about-someone/",
    "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child",
    "/worried-about-someone/who-should-i-contact/?danger=no&who=professionals&about=adult",
    "/worried-about-someone/who-should-i-contact/?danger=no&who=community&about=online",
    "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=street",
    "/contacts/",
]


def sentences(soup):
    """Each sentence of the main content, block by block, so headings never run into text."""
    for block in soup.main.find_all(["h1", "h2", "h3", "p", "li", "dt", "dd", "legend", "label"]):
        if block.find(["p", "li"]):
            continue
        for sentence in re.split(r"(?<=[.?!:])\s+", text_of(block)):
            if sentence:
                yield sentence


def seeded_pages(client):
    """(host, path, soup) for every page in every seeded site's sitemap."""
    for host in SITES:
        for path in sitemap_paths(client, host):
            yield host, path, soup_of(client.get(path, HTTP_HOST=host))


def assert_every_site_states_the_framework(client):
    for host in SITES:
        prevent = text_of(soup_of(client.get("/contest/prevent/", HTTP_HOST=host)).main)
        for objective in PREVENT_OBJECTIVES_2023:
            assert objective in prevent, f"{host}/contest/prevent/ lacks {objective!r}"
        duty = text_of(soup_of(client.get("/prevent-duty/", HTTP_HOST=host)).main)
        for fact in ("7 September 2023", "31 December 2023", "Channel panel", "Channel duty"):
            assert fact in duty, f"{host}/prevent-duty/ lacks {fact!r}"
        glossary = soup_of(client.get("/glossary/", HTTP_HOST=host))
        for term in ("extremism", "radicalisation", "safeguarding", "contest", "channel", "act"):
            assert glossary.select_one(f"main h2#{term}"), (
                f"{host}/glossary/ does not explain {term}"
            )
        concern = soup_of(client.get("/worried-about-someone/", HTTP_HOST=host))
        glossary_links = {a["href"] for a in concern.select("main a[href^='/glossary/']")}
        assert "/glossary/#radicalisation" in glossary_links, host
        assert "/glossary/#safeguarding" in glossary_links, host


def outdated_statements_in_sentence(where, sentence):
    """What one sentence says as if it were still so, though it has changed."""
    problems = []
    if "Office for Security and Counter" in sentence and "2021" not in sentence:
        problems.append(f"{where}: OSCT named as if it still led CONTEST: {sentence}")
    if re.search(r"\b(353|17 of 30|30 Prevent priority areas)\b", sentence) and (
        "2015" not in sentence
    ):
        problems.append(f"{where}: a February 2015 figure without its date: {sentence}")
    if re.search(r"ESFA|Education and Skills Funding Agency", sentence) and re.search(
        r"\b(is|are|helps|funds|suits)\b", sentence
    ):
        problems.append(f"{where}: the ESFA in the present tense: {sentence}")
    stands_for = re.search(r"(\S+(?: \S+)*?) stands for ", sentence)
    if stands_for and not re.fullmatch(r"[A-Z][A-Z0-9&]+", stands_for.group(1)):
        problems.append(f"{where}: only an abbreviation stands for something: {sentence}")
    return problems


def outdated_statements_on_page(where, soup):
    """What a page says as if it were still so, though it has changed."""
    page = text_of(soup.main)
    problems = [
        f"{where}: 2011 objective {old!r}" for old in PREVENT_OBJECTIVES_2011 if old in page
    ]
    if "international terrorism" in page:
        problems.append(f"{where}: CONTEST is not only about international terrorism")
    for sentence in sentences(soup):
        problems += outdated_statements_in_sentence(where, sentence)
    if "ESFA" in page and "closed in March 2025" not in page:
        problems.append(f"{where}: names the ESFA without saying it has closed")
    return problems


def test_seeded_pages_state_the_framework_as_it_stands(client, seeded):
    assert_every_site_states_the_framework(client)

    ours = text_of(soup_of(client.get("/prevent-in-westminster/")).main)
    assert all(objective in ours for objective in PREVENT_OBJECTIVES_2023)
    extremism = text_of(soup_of(client.get("/what-is-extremism/")).main)
    assert "ideology based on violence, hatred or intolerance" in extremism
    assert "March 2024" in extremism
    glossary = text_of(soup_of(client.get("/glossary/")).main)
    assert "ACT stands for Action Counters Terrorism." in glossary
    assert "WRAP stands for Workshop to Raise Awareness of Prevent." in glossary
    rochford = text_of(soup_of(client.get("/contest/", HTTP_HOST="rochford.localhost")).main)
    assert "Homeland Security Group" in rochford and "all forms of terrorism" in rochford

    problems = []
    for host, path, soup in seeded_pages(client):
        problems += outdated_statements_on_page(f"{host}{path}", soup)
    assert not problems, "\n".join(problems)


def test_help_and_contact_texts_use_short_sentences(client, seeded):
    long_sentences = []
    for host in SITES:
        for path in SHORT_TEXT_PAGES:
            response = client.get(path, HTTP_HOST=host)
            assert response.status_code == 200, f"{host}{path}"
            for sentence in sentences(soup_of(response)):
                if len(sentence.split()) > 25:
                    long_sentences.append(f"{host}{path}: {sentence}")
    assert not long_sentences, "\n".join(long_sentences)


def test_an_old_newsletter_issue_says_when_it_was_published(client, seeded):
    soup = soup_of(client.get("/newsletter/july-2023/"))
    notice = soup.select_one("main .govuk-notification-banner")
    assert "published on 18 July 2023" in text_of(notice)
    assert notice.select_one("a")["href"] == "/worried-about-someone/"


def fixture_pages(spec):
    yield spec
    for child in spec.get("children") or []:
        yield from fixture_pages(child)


def test_every_seeded_page_and_contact_dates_come_from_a_source():
    today = timezone.localdate()
    contacts = {}
    for path in FIXTURES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("contacts") or data.get("national_contacts") or []:
            contacts[(path.stem, entry["key"])] = entry
        if "home" not in data:
            continue
        for page in fixture_pages(data["home"]):
            where = f"{path.name}: {page.get('slug', 'home')}"
            keys = list(page)
            assert keys[keys.index("summary") + 1] == "last_reviewed", where
            reviewed = page["last_reviewed"]
            assert isinstance(reviewed, datetime.date) and reviewed <= today, where
            updated = page.get("last_updated")
            assert updated is None or reviewed < updated <= today, where

    # The issue reports news of 18 July 2023, so it was not out on 1 July.
    westminster = yaml.safe_load((FIXTURES_DIR / "westminster.yaml").read_text(encoding="utf-8"))
    newsletter = next(p for p in fixture_pages(westminster["home"]) if p.get("slug") == "july-2023")
    assert newsletter["fields"]["issue_date"] == datetime.date(2023, 7, 18)
    # Details from that issue are verified on its date; the phone number is not in it.
    for key in ("gangs-exploitation-unit", "adult-social-care"):
        assert contacts[("westminster", key)]["last_verified"] == datetime.date(2023, 7, 18)
    assert "last_verified" not in contacts[("westminster", "prevent-team")]
    assert "last_verified" not in contacts[("rochford", "prevent-lead")]
    childrens = contacts[("westminster", "childrens-services")]
    assert "last_verified" not in childrens
    assert childrens["held_reason"].startswith("Suspected typo in the email address")
