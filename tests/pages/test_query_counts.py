"""Each page type renders in a bounded number of queries, however much content it has."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

# Ceilings for a warm request (site root paths cached, as in steady state). One of them is the
# lookup of the site's alerts (alerts/showing.py), on every page.
CEILING = 17
# Page types that show more: the training page looks up its council's training finder.
EXTRA = {"training": 1}


@pytest.fixture
def tree(home_page):
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
    }


@pytest.mark.parametrize(
    "name",
    ["home", "contest", "strand", "projects", "project", "training", "course", "duty", "info"],
)
def test_page_type_query_count_stays_under_ceiling(
    client, tree, name, django_assert_max_num_queries
):
    url = tree[name].url
    client.get(url)  # warm the per-process caches, as a running site would have
    with django_assert_max_num_queries(CEILING + EXTRA.get(name, 0)):
        response = client.get(url)
    assert response.status_code == 200


def test_search_query_count_stays_under_ceiling(client, tree, django_assert_max_num_queries):
    client.get("/search/", {"q": "page"})
    with django_assert_max_num_queries(CEILING):
        assert client.get("/search/", {"q": "page"}).status_code == 200
