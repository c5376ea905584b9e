import datetime

import pytest
from django.utils import timezone

from alerts.models import Alert, AlertSection

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def make_alert(db):
    """make_alert(site, starts=-1h, ends=+1h, sections=(), **fields): an alert whose start and
    end are given relative to now, so it is showing, scheduled or ended without waiting."""

    def make(site, *, starts=-HOUR, ends=HOUR, sections=(), **fields):
        now = timezone.now()
        fields.setdefault("title", "Our phone line is closed today")
        fields.setdefault("text", "Email the Prevent team instead.")
        if sections:
            fields.setdefault("show_on", Alert.Where.SECTIONS)
        alert = Alert.objects.create(
            site=site, starts_at=now + starts, ends_at=now + ends, **fields
        )
        for page in sections:
            AlertSection.objects.create(alert=alert, page=page)
        return alert

    return make
