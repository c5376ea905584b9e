"""RSS and Atom feeds of a site's newsletter issues."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class IssuesRssFeed(Feed):
    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.title

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return self.index.summary

    def items(self):
        return self.index.issues()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.title} ({item.edition_label})"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.issue_date, datetime.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at


class IssuesAtomFeed(IssuesRssFeed):
    feed_type = Atom1Feed
    subtitle = IssuesRssFeed.description
