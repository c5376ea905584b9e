"""One factory per page type. StreamField values are written as plain lists of
{"type", "value"} dicts, which is reliable for nested structs."""

import datetime

import factory
import wagtail_factories

from pages import models


def paragraph(html):
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


class BasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    summary = factory.LazyAttribute(lambda page: f"Summary of {page.title}.")

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    title = "Prevent in Testshire"
    intro = "<p>Prevent helps people at risk of being drawn into terrorism.</p>"

    class Meta:
        model = models.HomePage


class ContestPageFactory(BasePageFactory):
    title = "CONTEST"
    slug = "contest"
    intro = "<p>CONTEST is the UK's counter-terrorism strategy.</p>"

    class Meta:
        model = models.ContestPage


class ContestStrandPageFactory(BasePageFactory):
    title = "Pursue"
    strand = "pursue"
    aim = "stop terrorist attacks"
    body = factory.LazyFunction(lambda: [paragraph("<p>We share information with police.</p>")])

    class Meta:
        model = models.ContestStrandPage


class PreventDutyPageFactory(BasePageFactory):
    title = "The Prevent duty"
    slug = "prevent-duty"
    act_url = "https://www.legislation.gov.uk/ukpga/2015/6/section/26"
    act_passed_on = datetime.date(2015, 2, 12)
    in_force_on = datetime.date(2015, 7, 1)
    bodies_covered = factory.LazyFunction(
        lambda: [
            {"type": "body", "value": {"name": "Local authorities", "detail": ""}},
            {"type": "body", "value": {"name": "Schools", "detail": "including nurseries"}},
        ]
    )
    key_figures = factory.LazyFunction(
        lambda: [
            {"type": "figure", "value": {"value": "353", "label": "principal local authorities"}}
        ]
    )
    due_regard = "<p>We think about Prevent when we plan our services.</p>"
    guidance_links = factory.LazyFunction(
        lambda: [
            {
                "type": "link",
                "value": {
                    "external_url": "https://www.gov.uk/government/publications/prevent-duty-guidance",
                    "link_text": "Prevent duty guidance",
                    "source": "GOV.UK",
                },
            }
        ]
    )

    class Meta:
        model = models.PreventDutyPage


class InformationPageFactory(BasePageFactory):
    body = factory.LazyFunction(
        lambda: [heading("What extremism is"), paragraph("<p>Extremism takes many forms.</p>")]
    )

    class Meta:
        model = models.InformationPage


class CommunityProjectIndexPageFactory(BasePageFactory):
    title = "Community projects"
    slug = "community-projects"
    intro = "<p>Projects we fund.</p>"

    class Meta:
        model = models.CommunityProjectIndexPage


class CommunityProjectPageFactory(BasePageFactory):
    aim = "Help parents build stronger relationships with their children."
    audience = "parents and carers"
    period = "Since May 2016"
    status = "current"
    outcomes = factory.LazyFunction(
        lambda: [
            {"type": "figure", "value": {"value": "4", "label": "series delivered"}},
            {"type": "figure", "value": {"value": "57", "label": "parents reached"}},
        ]
    )
    body = factory.LazyFunction(lambda: [paragraph("<p>Weekly group sessions.</p>")])

    class Meta:
        model = models.CommunityProjectPage


class TrainingIndexPageFactory(BasePageFactory):
    title = "Training"
    slug = "training"
    intro = "<p>Free sessions for anyone who works with people.</p>"
    how_to_arrange = "<p>Ask the Prevent team to arrange a session.</p>"

    class Meta:
        model = models.TrainingIndexPage


class TrainingCoursePageFactory(BasePageFactory):
    title = "WRAP"
    full_name = "Workshop to Raise Awareness of Prevent"
    audience = "frontline staff"
    length_minutes = 45
    delivery = "both"
    learning_outcomes = factory.LazyFunction(
        lambda: [{"type": "outcome", "value": "How to spot the signs of radicalisation"}]
    )
    quotes = factory.LazyFunction(
        lambda: [
            {"type": "quote", "value": {"quote": "Very useful.", "attribution": "WRAP participant"}}
        ]
    )

    class Meta:
        model = models.TrainingCoursePage


class ContactPointFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"contact-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    handles = "Concerns about radicalisation."
    phone = "+442076416032"
    live = True
    topics = factory.LazyFunction(lambda: ["children"])
    audiences = factory.LazyFunction(lambda: ["residents"])

    class Meta:
        model = "contacts.ContactPoint"


class ConcernReportingPageFactory(BasePageFactory):
    title = "Worried about someone?"
    slug = "worried-about-someone"
    after_referral = "<p>A referral is not a criminal record.</p>"

    class Meta:
        model = "contacts.ConcernReportingPage"


class ReferralChecklistPageFactory(BasePageFactory):
    title = "Before you call"
    slug = "before-you-call"
    sections = factory.LazyFunction(
        lambda: [
            {
                "type": "section",
                "value": {
                    "heading": "Who the person is",
                    "items": [{"text": "Their name", "hint": "", "notes_box": True}],
                },
            }
        ]
    )

    class Meta:
        model = "contacts.ReferralChecklistPage"


class ContactDirectoryPageFactory(BasePageFactory):
    title = "Contacts"
    slug = "contacts"

    class Meta:
        model = "contacts.ContactDirectoryPage"


class NewsletterIndexPageFactory(BasePageFactory):
    title = "Prevent newsletter"
    slug = "newsletter"

    class Meta:
        model = "newsletters.NewsletterIndexPage"


def text_section(heading, body="<p>Some news.</p>"):
    return {"type": "text", "value": {"heading": heading, "intro": "", "body": body}}


class NewsletterIssuePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Issue {n}")
    volume = 2
    issue_date = datetime.date(2023, 7, 1)
    sections = factory.LazyFunction(
        lambda: [text_section("Working with communities"), text_section("Further news")]
    )

    class Meta:
        model = "newsletters.NewsletterIssuePage"


def contact_form_data(contact=None, **overrides):
    """What the admin's contact form posts: the contact's own values where given, else a
    valid new contact; overrides such as phone= or site= replace single fields."""
    data = {
        "site": getattr(contact, "site_id", None) or "",
        "key": getattr(contact, "key", "prevent-team"),
        "name": getattr(contact, "name", "Prevent team"),
        "handles": getattr(contact, "handles", "Concerns about radicalisation."),
        "phone": "020 7641 6032",
        "textphone": "",
        "email": getattr(contact, "email", "prevent@example.gov.uk"),
        "website": "",
        "website_label": "",
        "hours": "9am to 5pm, Monday to Friday",
        "topics": ["children"],
        "audiences": ["residents"],
        "last_verified": "2026-11-01",
        "sort_order": "1",
        "officer_note": "",
    }
    data.update(overrides)
    return data
