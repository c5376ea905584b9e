"""Newsletter issues as web pages, their subscribers, and a record of every delivery."""

from collections import OrderedDict

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from delivery import site_cache
from newsletters.blocks import NewsletterSectionsBlock
from newsletters.feeds import IssuesAtomFeed, IssuesRssFeed
from pages.blocks import RICH_TEXT_FEATURES
from pages.contents import contents_items
from pages.models import BasePage
from pages.pagination import page_of

ISSUES_PER_PAGE = 12


class TeamMember(models.Model):
    """An officer named in newsletters, such as 'Prevent Education Officer'."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=160)

    panels = [FieldPanel("site"), FieldRowPanel([FieldPanel("name"), FieldPanel("key")]), "role"]

    class Meta:
        ordering = ["name"]
        verbose_name = "team member"
        verbose_name_plural = "team members"
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="unique_team_member_key_per_site")
        ]

    def __str__(self):
        return f"{self.name}, {self.role}"


class NewsletterIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsletters.NewsletterIssuePage"]
    max_count_per_parent = 1
    page_description = "Lists the newsletter issues, with feeds and an email sign-up."
    template = "pages/newsletter_index_page.html"

    def issues(self):
        return site_cache.public(NewsletterIssuePage.objects.child_of(self).live()).order_by(
            "-issue_date", "-pk"
        )

    @classmethod
    def for_site(cls, site):
        """The site's live newsletter page, or None when it has none."""
        return cls.objects.live().descendant_of(site.root_page).first() if site else None

    def get_cached_paths(self):
        # A CDN purges these with the page: the feeds list the same issues.
        return ["/", "/feed/rss/", "/feed/atom/"]

    @path("")
    def issue_list(self, request):
        page_of_issues = page_of(self.issues(), request, ISSUES_PER_PAGE)
        by_year = OrderedDict()
        for issue in page_of_issues:
            by_year.setdefault(issue.issue_date.year, []).append(issue)
        return self.render(
            request,
            context_overrides={"issues_page": page_of_issues, "issues_by_year": by_year},
        )

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return IssuesRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return IssuesAtomFeed(self)(request)

    # The confirmation link's old address, kept because emails already sent carry it: it now
    # lives at /email/confirm/<token>/ with sign-up and unsubscribe (newsletters/urls.py). A 308
    # keeps the method, so a Confirm button on a page opened before the move still confirms.
    @path("confirm/", name="old_confirm_link")
    def old_confirm_link(self, request):
        try:
            url = reverse("newsletters:confirm", args=[request.GET.get("token", "")])
        except NoReverseMatch:  # no token, or one with a slash: not a link we ever sent
            raise Http404("Not a confirmation link") from None
        return HttpResponsePermanentRedirect(url, preserve_request=True)


class NewsletterIssuePage(BasePage):
    volume = models.PositiveSmallIntegerField(null=True, blank=True)
    issue_date = models.DateField(help_text="The date on the issue, such as 1 July 2023.")
    sections = StreamField(
        NewsletterSectionsBlock(),
        help_text="Each section's heading appears in the contents list.",
    )
    printed_edition = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the designed PDF of this issue.",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("volume"), FieldPanel("issue_date")]),
        FieldPanel("sections"),
        FieldPanel("printed_edition"),
    ]

    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types = []
    search_fields = [*BasePage.search_fields, index.SearchField("sections")]
    page_description = "One issue of the newsletter, made of sections with a contents list."
    template = "pages/newsletter_issue_page.html"

    @cached_property
    def contents(self):
        """The contents list, one entry per section, with the ids the sections carry."""
        return contents_items(self.sections)

    @property
    def is_old(self):
        """More than 12 months old: its dates, contacts and guidance may have changed, so the
        page says so. Judged on each request, so an issue turns old without anyone editing it."""
        a_year_ago = timezone.localdate() - relativedelta(years=1)
        return bool(self.issue_date) and self.issue_date < a_year_ago

    @property
    def edition_label(self):
        date = self.issue_date.strftime("%B %Y") if self.issue_date else ""
        return f"Volume {self.volume}, {date}" if self.volume else date


class Subscriber(models.Model):
    """A confirmed subscriber. Nobody is subscribed until they confirm (see PendingSignUp)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="council"
    )
    email = models.EmailField()
    confirmed_at = models.DateTimeField(default=timezone.now, verbose_name="confirmed")

    class Meta:
        verbose_name = "newsletter subscriber"
        # Officers see and erase subscribers; only the resident's own confirmation adds one.
        default_permissions = ("view", "delete")
        constraints = [
            models.UniqueConstraint(fields=["site", "email"], name="unique_subscriber_per_site")
        ]

    def __str__(self):
        return self.email


class PendingSignUp(models.Model):
    """A sign-up whose email (a confirmation link, or a note that the address is already
    subscribed) has not been sent yet. Saved before the first try, so a mail outage loses no
    sign-up; deleted once the email has gone (or after a week of failures), so an address is
    kept only while its email waits. One row per address and site, so signing up again adds
    no second email."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    requested_at = models.DateTimeField(default=timezone.now)
    # Set while a worker is sending the email, so two workers never send it at once.
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "pending sign-up"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "email"], name="one_pending_sign_up_per_address"
            )
        ]

    def __str__(self):
        return self.email


class Delivery(models.Model):
    """One issue sent to one address. The unique constraint makes a second send a no-op."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(NewsletterIssuePage, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["issue", "email"], name="one_delivery_per_address")
        ]

    def __str__(self):
        return f"{self.issue} to {self.email}: {self.get_status_display()}"
