from django.core.management.base import BaseCommand
from django.db import models
from django.utils import timezone

from linkcheck.checker import LinkChecker
from linkcheck.links import find_external_links, record_uses
from linkcheck.models import CheckedLink


class Command(BaseCommand):
    help = (
        "Check every external link in live pages, newsletter issues and contacts, and record "
        "which are broken or redirected (run from cron, such as once a night)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--time-limit",
            type=float,
            default=600,
            help="Stop starting new checks after this many seconds (default 600). Links not "
            "reached keep their last result and are checked first next time.",
        )
        parser.add_argument(
            "--timeout", type=float, default=10, help="Seconds to wait for each answer."
        )
        parser.add_argument(
            "--retries", type=int, default=2, help="Tries again after a timeout or busy website."
        )
        parser.add_argument(
            "--backoff", type=float, default=2, help="Seconds before the first retry; doubles."
        )
        parser.add_argument(
            "--pause", type=float, default=1, help="Seconds between requests to one website."
        )
        parser.add_argument(
            "--workers", type=int, default=4, help="Websites checked at the same time."
        )
        parser.add_argument(
            "--only",
            metavar="PREFIX",
            default="",
            help="Check only addresses starting with this, such as https://www.gov.uk/ "
            "(to check one website again after it was down). Where links are used is still "
            "recorded for all.",
        )

    def handle(self, *args, **options):
        record_uses(find_external_links())
        # Never checked first, then the longest ago: a run cut short still makes progress.
        links = list(
            CheckedLink.objects.filter(url__startswith=options["only"])
            .order_by(models.F("last_checked").asc(nulls_first=True), "url")
            .values_list("url", flat=True)
        )
        checker = LinkChecker(
            timeout=options["timeout"],
            retries=options["retries"],
            backoff=options["backoff"],
            pause=options["pause"],
            workers=options["workers"],
        )
        outcomes = checker.check_all(links, time_limit=options["time_limit"])
        now = timezone.now()
        checked = list(CheckedLink.objects.filter(url__in=list(outcomes)))
        for link in checked:
            outcome = outcomes[link.url]
            link.status = outcome.status
            link.status_code = outcome.status_code
            link.problem = outcome.problem[:200]
            link.redirects_to = outcome.redirects_to[:2000]
            link.last_checked = now
        CheckedLink.objects.bulk_update(
            checked, ["status", "status_code", "problem", "redirects_to", "last_checked"]
        )
        counts = dict.fromkeys(CheckedLink.Status.values, 0)
        for outcome in outcomes.values():
            counts[outcome.status] += 1
        left = len(links) - len(outcomes)
        self.stdout.write(
            f"Checked {len(outcomes)} of {len(links)} links: {counts['broken']} broken, "
            f"{counts['redirected']} redirected, {counts['working']} working."
        )
        if left:
            self.stdout.write(
                f"{left} not checked this time (time limit reached or a website asked us to "
                "slow down); they come first next time."
            )
