"""Every page a person can reach: each site's sitemap, plus the states a crawl misses."""

EXTRA_STATES = {
    "westminster": [
        "/search/?q=training",
        "/search/?q=zzzz-no-results",
        "/no-such-page/",
        "/worried-about-someone/who-should-i-contact/",
        "/worried-about-someone/who-should-i-contact/?step=danger",
        "/worried-about-someone/who-should-i-contact/?danger=yes",
        "/worried-about-someone/who-should-i-contact/?danger=no",
        "/worried-about-someone/who-should-i-contact/?danger=no&who=professionals",
        "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=child",
        "/contacts/?topic=gangs",
        "/contacts/?q=nothing-matches",
        "/email/confirm/tampered/",
        "/email/contact-updates/subscribe/",
        "/email/contact-updates/confirm/?token=tampered",
        # The report form itself is in the sitemap; its error state is checked in
        # test_material_report.py.
        "/report-leaflets-or-stickers/sent/",
        "/training/which-training/questions/",
        "/training/which-training/questions/?step=sector",
        "/training/which-training/questions/?sector=school",
        "/training/which-training/questions/?sector=school&role=safeguarding-lead",
        "/training/which-training/questions/?sector=community&role=volunteer",
        "/events/past/",
        # The request form is in the sitemap; its error state is checked in
        # test_booking_request.py.
        "/training/request-a-session/sent/",
    ],
    "rochford": [
        "/worried-about-someone/who-should-i-contact/?danger=no&who=community&about=online",
        "/events/past/",
        "/no-such-page/",
        "/which-prevent-training/questions/?sector=health&step=role",
        "/which-prevent-training/questions/?sector=health&role=manager",
    ],
    "london-councils": [
        "/worried-about-someone/who-should-i-contact/?danger=no&who=residents&about=street",
        "/which-prevent-training/questions/?sector=council&role=staff",
    ],
}


# Events pages, also checked at 320 px wide (test_events.py). The listing and event pages are
# in the sitemaps; the past-events archive is added above.
EVENT_PAGES = [
    ("westminster", "/events/"),
    ("westminster", "/events/past/"),
    ("westminster", "/events/prevent-planning-webinar-fe-18-october-2023/"),
    ("westminster", "/training/wrap/"),
    ("westminster", "/newsletter/july-2023/"),
    ("rochford", "/events/"),
    ("rochford", "/events/past/"),
]


# Each council's "Before you call" checklist (also in the sitemaps): test_before_you_call.py
# runs axe on them at 320 px, empty and filled in.
REFERRAL_CHECKLISTS = dict.fromkeys(
    ("westminster", "rochford", "london-councils"), "/worried-about-someone/before-you-call/"
)


def all_pages(site_server):
    for council in ("westminster", "rochford", "london-councils"):
        paths = site_server.sitemap_paths(council) + EXTRA_STATES[council]
        for path in paths:
            yield council, path
