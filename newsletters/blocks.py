"""Newsletter sections. Every section has a heading, so the contents list is built from them
and can never disagree with the issue."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from contacts.blocks import ContactChooserBlock
from pages.blocks import RICH_TEXT_FEATURES, live_pages_in_order
from pages.contents import Heading


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    intro = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False)

    def to_table_of_contents_item(self, value):
        """Every section is listed in the issue's contents."""
        return Heading(value["heading"])


class TeamSectionBlock(SectionBlock):
    members = blocks.ListBlock(SnippetChooserBlock("newsletters.TeamMember"), min_num=1)

    class Meta:
        icon = "group"
        label = "Team"
        template = "components/newsletter/team_section.html"


class TrainingSectionBlock(SectionBlock):
    courses = blocks.ListBlock(blocks.PageChooserBlock(page_type="pages.TrainingCoursePage"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["pages"] = live_pages_in_order(value["courses"])
        return context

    class Meta:
        icon = "doc-full"
        label = "Training offers"
        template = "components/newsletter/training_section.html"


class NewsItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=160)
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class NewsSectionBlock(SectionBlock):
    items = blocks.ListBlock(NewsItemBlock(), min_num=1)

    class Meta:
        icon = "openquote"
        label = "News"
        template = "components/newsletter/news_section.html"


class EventStructValue(blocks.StructValue):
    @property
    def page(self):
        """The chosen event page when it is live: the section then shows its details."""
        page = self.get("event_page")
        return page if page is not None and page.live else None

    @property
    def is_past(self):
        if self.page:
            return self.page.is_past
        return bool(self.get("date")) and self["date"] < timezone.localdate()

    @property
    def time_range(self):
        """GOV.UK style: '10:30am to 12pm'."""
        times = [t for t in (self.get("start_time"), self.get("end_time")) if t]
        return " to ".join(_govuk_time(t) for t in times)


def _govuk_time(value):
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    if value.hour == 12 and not value.minute:
        return "midday"
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


class EventBlock(blocks.StructBlock):
    event_page = blocks.PageChooserBlock(
        page_type="events.EventPage",
        required=False,
        help_text="An event on this site's events page. Its title, date and details are "
        "shown from there, so leave the fields below empty.",
    )
    title = blocks.CharBlock(max_length=160, required=False)
    date = blocks.DateBlock(required=False, help_text="The weekday is worked out from the date.")
    start_time = blocks.TimeBlock(required=False)
    end_time = blocks.TimeBlock(required=False)
    mode = blocks.ChoiceBlock(
        choices=[("online", "Online"), ("in_person", "In person"), ("both", "Online or in person")],
        default="online",
    )
    location = blocks.CharBlock(required=False, max_length=200)
    booking_url = blocks.URLBlock(required=False, label="Booking link")
    note = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        value_class = EventStructValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("event_page") is None:
            missing = {
                name: ValidationError(f"Enter the event's {name}, or choose an event page.")
                for name in ("title", "date")
                if not value.get(name)
            }
            if missing:
                raise StructBlockValidationError(
                    block_errors=missing,
                    non_block_errors=["Choose an event page, or enter the event's title and date."],
                )
        return value


class EventsSectionBlock(SectionBlock):
    events = blocks.ListBlock(EventBlock(), min_num=1)

    class Meta:
        icon = "date"
        label = "Events"
        template = "components/newsletter/events_section.html"


class ProjectsSectionBlock(SectionBlock):
    projects = blocks.ListBlock(blocks.PageChooserBlock(page_type="pages.CommunityProjectPage"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["pages"] = live_pages_in_order(value["projects"])
        return context

    class Meta:
        icon = "pick"
        label = "Community projects"
        template = "components/newsletter/projects_section.html"


class TextSectionBlock(SectionBlock):
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pilcrow"
        label = "Text section"
        description = "Such as 'Working with communities'."
        template = "components/newsletter/text_section.html"


class ReadingItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=250)
    source = blocks.CharBlock(max_length=120, required=False, help_text="Such as 'GOV.UK'.")
    url = blocks.URLBlock(required=False, help_text="Leave blank until the address is checked.")


class ReadingSectionBlock(SectionBlock):
    items = blocks.ListBlock(ReadingItemBlock(), min_num=1)

    class Meta:
        icon = "link"
        label = "Further reading"
        template = "components/newsletter/reading_section.html"


class ContactsSectionBlock(SectionBlock):
    contacts = blocks.ListBlock(ContactChooserBlock(), min_num=1)

    class Meta:
        icon = "user"
        label = "Useful contacts"
        template = "components/newsletter/contacts_section.html"


class NewsletterSectionsBlock(blocks.StreamBlock):
    team = TeamSectionBlock()
    training = TrainingSectionBlock()
    news = NewsSectionBlock()
    events = EventsSectionBlock()
    projects = ProjectsSectionBlock()
    text = TextSectionBlock()
    further_reading = ReadingSectionBlock()
    contacts = ContactsSectionBlock()
