"""Write the site's 503 page to a file, for a caching proxy to serve when no app instance answers.

    python manage.py write_unavailable_page /var/lib/varnish-pages/503.html

It is the page the app itself shows when its database is down (contacts/offline.py), with the 999
notice and the national helplines, and needs no database. Run it at each release, after
collectstatic, so the page links to the release's stylesheet.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from contacts.offline import unavailable_page_html


class Command(BaseCommand):
    help = "Write the 503 page (with the 999 notice) to a file for the caching proxy."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the HTML file.")

    def handle(self, path, **options):
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target, then renamed: a proxy never reads half a page.
        partial = target.with_name(target.name + ".partial")
        partial.write_text(unavailable_page_html(), encoding="utf-8")
        partial.replace(target)
        self.stdout.write(f"Wrote {target}")
