"""Dated events (training sessions, webinars, community events, workshops) and each council's
listing of them, with its archive of past events and its calendar feed.

An event is upcoming until it ends and past after that: nothing needs saving for it to move
to the archive, and booking closes as soon as it starts.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from delivery import page_cache, site_cache
from events import calendar, structured_data
from events.dates import date_range, uk_time
from pages.blocks import RICH_TEXT_FEATURES
from pages.models import BasePage
from pages.pagination import page_of

PAST_EVENTS_PER_PAGE = 10
# The calendar feed keeps events that ended in the last few months, so a subscriber's calendar
# does not lose an event the day after it.
FEED_KEEPS_PAST_DAYS = 92


class EventIndexPage(RoutablePageMixin, BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    page_description = "Lists the council's events, soonest first, with past events and a calendar."
    template = "pages/event_index_page.html"

    def events(self):
        return site_cache.public(EventPage.objects.child_of(self).live()).select_related(
            "training_course"
        )

    def upcoming(self, now=None):
        return self.events().filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.events().filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def get_cached_paths(self):
        return ["/", "/past/", "/calendar/"]

    def _expire_when_next_event_ends(self, request, events):
        """The listing changes by itself when an event starts (booking closes) or ends (it
        moves to the archive): the page cache keeps it no longer than that."""
        now = timezone.now()
        changes = [when for event in events for when in (event.start, event.end) if when > now]
        if changes:
            page_cache.expire_by(request, min(changes))

    @path("")
    def upcoming_list(self, request):
        upcoming = list(self.upcoming())
        self._expire_when_next_event_ends(request, upcoming)
        return self.render(
            request,
            context_overrides={
                "upcoming": upcoming,
                "has_past": self.past().exists(),
                "feed_url": self.get_full_url(request) + self.reverse_subpage("calendar"),
            },
        )

    @path("past/", name="past")
    def past_list(self, request):
        # The next event to end joins the archive then.
        self._expire_when_next_event_ends(request, self.upcoming()[:1])
        return self.render(
            request,
            template="pages/event_archive_page.html",
            context_overrides={"past_page": page_of(self.past(), request, PAST_EVENTS_PER_PAGE)},
        )

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        since = timezone.now() - datetime.timedelta(days=FEED_KEEPS_PAST_DAYS)
        events = list(self.events().filter(end__gt=since).order_by("start", "pk"))
        self._expire_when_next_event_ends(request, events)
        return calendar_response(calendar.feed(self, events, request))


def calendar_response(body, filename=None):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventPage(RoutablePageMixin, BasePage):
    class Kind(models.TextChoices):
        TRAINING = "training", "Training session"
        WEBINAR = "webinar", "Webinar"
        COMMUNITY = "community", "Community event"
        WORKSHOP = "workshop", "Workshop"

    class Attendance(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        BOTH = "both", "Online and in person"

    class Booking(models.TextChoices):
        REQUEST = "request", "Request a place through this site"
        EXTERNAL = "external", "External booking link"
        NONE = "none", "No booking needed"

    # The booking request form (the bookings app) offers a place on pages of this type.
    accepts_booking_requests = True

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TRAINING)
    start = models.DateTimeField(help_text="UK time.")
    end = models.DateTimeField(help_text="UK time. After the start.")
    attendance = models.CharField(
        "online or in person", max_length=10, choices=Attendance.choices, default=Attendance.ONLINE
    )
    venue = models.CharField(max_length=200, blank=True, help_text="Such as 'City Hall, Room 3'.")
    address = models.TextField(
        blank=True, help_text="The venue's street address, one line each, with the postcode last."
    )
    accessibility = models.TextField(
        "access information",
        blank=True,
        help_text="Step-free access, hearing loops, toilets, quiet rooms and the like.",
    )
    online_details = models.CharField(
        "how to join online",
        max_length=300,
        blank=True,
        help_text="Such as 'We email the joining link the day before.' Never the link itself.",
    )
    audience = models.CharField(max_length=300, help_text="Who the event is for.")
    run_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Leave blank when the council's Prevent team runs it. Otherwise the "
        "organisation that does, such as 'The Home Office'.",
    )
    cost_pounds = models.DecimalField(
        "cost (£)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="0 for a free event. Leave blank if the cost is not known.",
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people it can take, if there is a limit."
    )
    places_text = models.CharField(
        "places available",
        max_length=120,
        blank=True,
        help_text="Such as '12 places left' or 'Fully booked'.",
    )
    training_course = models.ForeignKey(
        "pages.TrainingCoursePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The course this is a session of, if any. The course page lists it.",
    )
    booking_method = models.CharField(
        "how to book", max_length=10, choices=Booking.choices, default=Booking.REQUEST
    )
    booking_url = models.URLField(
        "booking link", blank=True, help_text="Only for an external booking link."
    )
    body = RichTextField("description", features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("audience"),
                FieldPanel("run_by"),
                FieldPanel("training_course"),
            ],
            "What and when",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("accessibility"),
                FieldPanel("online_details"),
            ],
            "Where",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("cost_pounds"), FieldPanel("capacity"), FieldPanel("places_text")]
                ),
                FieldPanel("booking_method"),
                FieldPanel("booking_url"),
            ],
            "Cost and booking",
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    page_description = "One dated event or training session: when, where, who for and how to book."
    template = "pages/event_page.html"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The end must be after the start."
        if self.booking_method == self.Booking.EXTERNAL and not self.booking_url:
            errors["booking_url"] = "Enter the booking link, or choose another way to book."
        if self.attendance != self.Attendance.ONLINE and not (self.venue or self.address):
            errors["venue"] = "Enter the venue or its address for an event held in person."
        if errors:
            raise ValidationError(errors)

    # --- when --------------------------------------------------------------------------------

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_past(self):
        """Ended: the event is in the archive and offers no booking."""
        return self.end <= timezone.now()

    @property
    def when(self):
        return date_range(self.start, self.end)

    @property
    def start_uk(self):
        return uk_time(self.start)

    # --- booking -----------------------------------------------------------------------------

    @property
    def booking_requests_open(self):
        """True when the booking request form takes requests for this event."""
        return self.booking_method == self.Booking.REQUEST and not self.has_started

    # --- what it says ------------------------------------------------------------------------

    @property
    def is_online(self):
        return self.attendance in (self.Attendance.ONLINE, self.Attendance.BOTH)

    @property
    def is_in_person(self):
        return self.attendance in (self.Attendance.IN_PERSON, self.Attendance.BOTH)

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def location_text(self):
        """One line for a card or a calendar: the venue and address, or 'Online'."""
        place = ", ".join([self.venue, *self.address_lines]) if self.is_in_person else ""
        if self.attendance == self.Attendance.BOTH:
            return f"Online, or in person at {place}" if place else "Online or in person"
        return place or "Online"

    @property
    def cost_display(self):
        if self.cost_pounds is None:
            return ""
        return "Free" if not self.cost_pounds else f"£{self.cost_pounds:,.2f}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event_json_ld"] = structured_data.event_json_ld(self, request)
        now = timezone.now()
        for when in (self.start, self.end):
            if when > now:
                page_cache.expire_by(request, when)
                break
        return context

    @path("calendar/", name="ics")
    def ics(self, request):
        return calendar_response(
            calendar.single(self, request), filename=f"{self.slug or 'event'}.ics"
        )
