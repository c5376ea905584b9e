"""Building the newsletter's emails. Each has an HTML part and a plain-text part made from the
same rendered HTML, so the two can never say different things, and every link is absolute.

Every email comes from one council (pages/email_sender.py): its name is the sender's display
name and heads the email, with its logo, and replies go to the address its officers set under
Settings > Branding. Links use the council's Site record (host name and port), as a background
worker has no request."""

import re
from html import unescape
from html.parser import HTMLParser

from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse

from newsletters.tokens import make_confirm_token, make_unsubscribe_token
from pages.email_sender import council_for

_RELATIVE_LINK = re.compile(r'(href|src)="(/[^"/][^"]*|/)"')


def absolutise(html, base_url):
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{base_url}{m.group(2)}"', html)


class _TextConverter(HTMLParser):
    """HTML to readable plain text: headings underlined, list items dashed, links written out."""

    BLOCKS = {"p", "div", "section", "ul", "ol", "table", "tr", "dl", "dt", "dd", "figure"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.href, self.link_text, self.heading, self.skip = [], None, [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"style", "script", "head"}:
            self.skip += 1
        elif tag in {"h1", "h2", "h3"}:
            self.out.append("\n\n")
            self.heading = (tag, len(self.out))
        elif tag == "li":
            self.out.append("\n- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag in self.BLOCKS:
            self.out.append("\n\n")
        elif tag == "a":
            self.href = attrs.get("href", "")

    def handle_endtag(self, tag):
        if tag in {"style", "script", "head"}:
            self.skip -= 1
        elif tag in {"h1", "h2", "h3"} and self.heading:
            text = "".join(self.out[self.heading[1] :]).strip()
            underline = "=" if tag in {"h1", "h2"} else "-"
            self.out[self.heading[1] :] = [text, "\n", underline * len(text), "\n"]
            self.heading = None
        elif tag == "a" and self.href:
            if not self.href.startswith("#"):
                self.out.append(f" ({self.href.removeprefix('mailto:')})")
            self.href = None

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"\s+", " ", data))

    def text(self):
        text = unescape("".join(self.out))
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n[ \t]+", "\n", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_to_text(html):
    converter = _TextConverter()
    converter.feed(html)
    return converter.text()


def _render(template, site, context):
    council = council_for(site)
    # An email has no request. Components that take one (cards) get None, so their page links
    # are built without it; absolutise() then makes every link a whole address.
    html = render_to_string(
        template, {**context, "council": council, "site": site, "request": None}
    )
    return council, absolutise(html, site.root_url)


def _send(council, subject, html, to, headers=None, connection=None):
    message = EmailMultiAlternatives(
        subject=subject,
        body=html_to_text(html),
        from_email=council.from_email,
        to=[to],
        reply_to=[council.reply_to] if council.reply_to else [],
        headers=headers or {},
        connection=connection or mailers.default,
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return message


def unsubscribe_url(site, email):
    token = make_unsubscribe_token(site.pk, email)
    return site.root_url + reverse("newsletters:unsubscribe", args=[token])


def build_issue_email(issue, email):
    """The issue as an email to one subscriber, with one-click unsubscribe (RFC 8058)."""
    site = issue.get_site()
    leave_url = unsubscribe_url(site, email)
    council, html = _render(
        "newsletters/email/issue.html", site, {"issue": issue, "unsubscribe_url": leave_url}
    )
    return {
        "council": council,
        "subject": f"{issue.title} ({issue.edition_label})",
        "html": html,
        "headers": {
            "List-Unsubscribe": f"<{leave_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }


def send_issue_email(issue, email, connection=None):
    built = build_issue_email(issue, email)
    return _send(
        built["council"], built["subject"], built["html"], email, built["headers"], connection
    )


# Sign-up emails are sent by a background worker with no request to hand, so, like issues,
# their links use the site's own address.


def send_confirmation(index, email):
    site = index.get_site()
    index_url = index.get_full_url()
    # Made at sending time, so a link sent late after a mail outage still works for 48 hours.
    token = make_confirm_token(site.pk, email)
    confirm_url = site.root_url + reverse("newsletters:confirm", args=[token])
    council, html = _render(
        "newsletters/email/confirm.html",
        site,
        {"index": index, "confirm_url": confirm_url, "index_url": index_url},
    )
    _send(council, f"Confirm your subscription to {index.title}", html, email)


def send_already_subscribed(index, email):
    site = index.get_site()
    council, html = _render(
        "newsletters/email/already_subscribed.html",
        site,
        {
            "index": index,
            "index_url": index.get_full_url(),
            "unsubscribe_url": unsubscribe_url(site, email),
        },
    )
    _send(council, f"You are already subscribed to {index.title}", html, email)
