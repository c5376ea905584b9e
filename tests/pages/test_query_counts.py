"""Each page type renders in a bounded number of queries, however much content it has, with
the page cache off: what every page shows (site, branding, menus, 999 notice, alerts,
breadcrumbs, private sections) comes from the site cache (delivery/site_cache.py)."""

import datetime

import pytest
from django.utils import timezone

from alerts.models import Alert
from pages.models import SiteNavigation
from tests import factories

pytestmark = pytest.mark.django_db

# Queries on a warm, steady process (site cache filled), page cache off. Before the site cache
# every page type took 13 to 19. Routing, listings' children and cards' summaries now come from
# the page index (pages/page_index.py) too: what is left is what editors chose inside a page.
CEILINGS = {
    "home": 1,  # sections; the newest pages come from the site cache
    "contest": 2,  # its strands, loaded as their type
    "strand": 2,  # two levels down
    "projects": 2,
    "project": 2,
    "training": 2,  # its courses; the finder and request form come from the site cache
    "course": 3,  # its upcoming sessions (events)
    "duty": 1,
    "info": 2,  # related pages: the chosen pages in one query, summaries from the index
    "concern": 3,  # the council's contacts and its "Before you call" page
    "directory": 3,
    "newsletter": 3,
    "issue": 4,  # training and projects sections: one query each, their pages loaded by type
    "search": 4,
}


def build_tree(home_page, site):
    """One page of every type, with the menus, footer links and an alert every page shows."""
    contest = factories.ContestPageFactory(parent=home_page, show_in_menus=True)
    for strand in ("pursue", "prevent", "protect", "prepare"):
        factories.ContestStrandPageFactory(parent=contest, strand=strand, title=strand.title())
    projects = factories.CommunityProjectIndexPageFactory(parent=home_page, show_in_menus=True)
    for n in range(6):
        factories.CommunityProjectPageFactory(parent=projects, status=("current", "past")[n % 2])
    training = factories.TrainingIndexPageFactory(parent=home_page, show_in_menus=True)
    for n in range(4):
        factories.TrainingCoursePageFactory(
            parent=training, title=f"Course {n}", slug=f"course-{n}"
        )
    duty = factories.PreventDutyPageFactory(parent=home_page, show_in_menus=True)
    info = factories.InformationPageFactory(
        parent=home_page,
        body=[
            {
                "type": "related_pages",
                "value": {"heading": "Related", "pages": [contest.pk, duty.pk, training.pk]},
            }
        ],
    )
    concern = factories.ConcernReportingPageFactory(parent=home_page)
    directory = factories.ContactDirectoryPageFactory(parent=home_page)
    factories.ContactPointFactory(site=site)
    factories.ContactPointFactory(site=None)
    newsletter = factories.NewsletterIndexPageFactory(parent=home_page)
    issue = factories.NewsletterIssuePageFactory(
        parent=newsletter,
        sections=[
            factories.text_section("Working with communities"),
            {
                "type": "training",
                "value": {
                    "heading": "Training",
                    "intro": "",
                    "courses": [course.pk for course in training.get_children()],
                },
            },
            {
                "type": "projects",
                "value": {
                    "heading": "Projects",
                    "intro": "",
                    "projects": [project.pk for project in projects.get_children()],
                },
            },
        ],
    )
    navigation = SiteNavigation.for_site(site)
    navigation.main_links = [("link", {"page": page}) for page in (contest, projects, training)]
    navigation.footer_links = [
        ("link", {"page": info, "link_text": "About"}),
        ("link", {"external_url": "https://www.gov.uk/", "link_text": "GOV.UK"}),
    ]
    navigation.save()
    now = timezone.now()
    Alert.objects.create(
        site=site,
        title="Phone line closed today",
        text="Email us instead.",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(days=1),
    )
    return {
        "home": home_page,
        "contest": contest,
        "strand": contest.get_children().first(),
        "projects": projects,
        "project": projects.get_children().first(),
        "training": training,
        "course": training.get_children().first(),
        "duty": duty,
        "info": info,
        "concern": concern,
        "directory": directory,
        "newsletter": newsletter,
        "issue": issue,
    }


@pytest.fixture
def tree(home_page, site):
    return build_tree(home_page, site)


@pytest.mark.parametrize("name", [name for name in CEILINGS if name != "search"])
def test_page_type_query_count_stays_under_ceiling(
    client, tree, name, django_assert_max_num_queries
):
    url = tree[name].url
    client.get(url)  # warm the per-process caches, as a running site would have
    with django_assert_max_num_queries(CEILINGS[name]):
        response = client.get(url)
    assert response.status_code == 200
    assert "Phone line closed today" in response.text  # the alert, from the site cache


def test_search_query_count_stays_under_ceiling(client, tree, django_assert_max_num_queries):
    client.get("/search/", {"q": "page"})
    with django_assert_max_num_queries(CEILINGS["search"]):
        assert client.get("/search/", {"q": "page"}).status_code == 200
