"""Tree rules and admin creation: each type can be created where it belongs and nowhere else."""

from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from bookings.models import BookingRequestPage
from contacts.models import ConcernReportingPage, ContactDirectoryPage
from events.models import EventIndexPage
from material_reports.models import MaterialReportPage
from newsletters.models import NewsletterIndexPage, NewsletterIssuePage
from pages.models import (
    CommunityProjectIndexPage,
    CommunityProjectPage,
    ContestPage,
    ContestStrandPage,
    HomePage,
    InformationPage,
    PreventDutyPage,
    SiteBranding,
    TrainingCoursePage,
    TrainingIndexPage,
)
from tests import factories
from tests.conftest import verify_second_factor
from training_finder.models import TrainingFinderPage


class VerifiedOfficerTestCase(WagtailPageTestCase):
    """Signs in and passes the second step, as every officer must."""

    def login(self, *args, **kwargs):
        user = super().login(*args, **kwargs)
        verify_second_factor(self.client, user)
        return user


ALL_TYPES = [
    HomePage,
    ContestPage,
    ContestStrandPage,
    PreventDutyPage,
    CommunityProjectIndexPage,
    CommunityProjectPage,
    TrainingIndexPage,
    TrainingCoursePage,
    InformationPage,
    ConcernReportingPage,
    ContactDirectoryPage,
    NewsletterIndexPage,
    NewsletterIssuePage,
    BookingRequestPage,
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ContestPage,
                PreventDutyPage,
                CommunityProjectIndexPage,
                TrainingIndexPage,
                InformationPage,
                ConcernReportingPage,
                ContactDirectoryPage,
                NewsletterIndexPage,
                MaterialReportPage,
                BookingRequestPage,
                EventIndexPage,
                TrainingFinderPage,
            },
        )

    def test_children_live_under_their_index(self):
        self.assertAllowedParentPageTypes(ContestStrandPage, {ContestPage})
        self.assertAllowedSubpageTypes(ContestPage, {ContestStrandPage})
        self.assertAllowedParentPageTypes(CommunityProjectPage, {CommunityProjectIndexPage})
        self.assertAllowedParentPageTypes(TrainingCoursePage, {TrainingIndexPage})
        self.assertAllowedSubpageTypes(
            TrainingIndexPage, {TrainingCoursePage, BookingRequestPage, TrainingFinderPage}
        )
        self.assertAllowedParentPageTypes(BookingRequestPage, {TrainingIndexPage, HomePage})
        self.assertCanNotCreateAt(HomePage, ContestStrandPage)
        self.assertCanNotCreateAt(HomePage, TrainingCoursePage)
        self.assertCanNotCreateAt(ContestPage, InformationPage)

    def test_every_type_describes_itself_for_editors(self):
        for model in ALL_TYPES:
            assert model.get_page_description(), model.__name__
            assert model.template == f"pages/{_snake(model.__name__)}.html", model.__name__


def _snake(name):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")


class AdminCreateTests(VerifiedOfficerTestCase):
    def setUp(self):
        self.user = self.login()
        root = Page.get_first_root_node()
        self.home = factories.HomePageFactory(parent=root, slug="testshire")
        self.contest = factories.ContestPageFactory(parent=self.home)

    def test_every_type_has_a_working_create_form_where_it_is_allowed(self):
        parents = {
            HomePage: Page.get_first_root_node(),
            ContestStrandPage: self.contest,
            CommunityProjectPage: factories.CommunityProjectIndexPageFactory(parent=self.home),
            TrainingCoursePage: factories.TrainingIndexPageFactory(parent=self.home),
            NewsletterIssuePage: factories.NewsletterIndexPageFactory(parent=self.home),
        }
        for model in ALL_TYPES:
            # A fresh home page each time, so one-per-site sections are still allowed.
            parent = parents.get(model) or factories.HomePageFactory(
                parent=Page.get_first_root_node(), slug=f"home-{model._meta.model_name}"
            )
            url = reverse(
                "wagtailadmin_pages:add",
                args=[model._meta.app_label, model._meta.model_name, parent.pk],
            )
            response = self.client.get(url)
            assert response.status_code == 200, model.__name__

    def test_singleton_sections_allow_one_per_site(self):
        # A CONTEST page already exists under this home page, so a second is refused.
        assert not ContestPage.can_create_at(self.home)
        other_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
        assert ContestPage.can_create_at(other_home)

    def test_an_editor_creates_an_information_page(self):
        self.assertCanCreate(
            self.home,
            InformationPage,
            nested_form_data(
                {
                    "title": "What is extremism?",
                    "slug": "what-is-extremism",
                    "summary": "The forms extremism takes.",
                    "body": streamfield(
                        [("paragraph", rich_text("<p>Extremism takes many forms.</p>"))]
                    ),
                }
            ),
        )

    def strand_form(self, strand, title):
        return nested_form_data(
            {
                "title": title,
                "slug": title.lower(),
                "summary": f"What {title} means here.",
                "strand": strand,
                "aim": "stop terrorist attacks",
                "body": streamfield([("paragraph", rich_text("<p>We help the police.</p>"))]),
            }
        )

    def test_a_second_page_for_the_same_strand_is_refused_with_a_message(self):
        self.assertCanCreate(self.contest, ContestStrandPage, self.strand_form("pursue", "Pursue"))
        url = reverse(
            "wagtailadmin_pages:add", args=["pages", "conteststrandpage", self.contest.pk]
        )
        response = self.client.post(url, self.strand_form("pursue", "Pursue again"))
        assert response.status_code == 200
        assert "already has a page for Pursue" in response.content.decode()
        assert ContestStrandPage.objects.child_of(self.contest).count() == 1

    def test_a_different_strand_is_accepted(self):
        self.assertCanCreate(self.contest, ContestStrandPage, self.strand_form("pursue", "Pursue"))
        self.assertCanCreate(
            self.contest, ContestStrandPage, self.strand_form("protect", "Protect")
        )


class BrandingSettingsTests(VerifiedOfficerTestCase):
    def setUp(self):
        self.login()
        root = Page.get_first_root_node()
        home = factories.HomePageFactory(parent=root, slug="brand")
        self.site = Site.objects.create(hostname="brand.localhost", root_page=home)

    def post_branding(self, colour):
        url = reverse("wagtailsettings:edit", args=["pages", "sitebranding", self.site.pk])
        return self.client.post(
            url,
            {
                "council_name": "Brandshire Council",
                "service_name": "Prevent",
                "brand_colour": colour,
            },
        )

    def test_a_pale_brand_colour_is_refused_with_the_contrast_ratio(self):
        response = self.post_branding("#ffdd00")
        assert response.status_code == 200
        assert "contrast ratio" in response.content.decode()
        assert not SiteBranding.objects.filter(site=self.site, brand_colour="#ffdd00").exists()

    def test_a_dark_brand_colour_is_saved(self):
        response = self.post_branding("#28166f")
        assert response.status_code == 302
        assert SiteBranding.objects.get(site=self.site).brand_colour == "#28166f"
