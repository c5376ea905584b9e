"""Seed content: a council's settings for leaflet and sticker reports (its file's
`material_reports:` section). Settings already saved are left as officers set them."""

from material_reports.models import DEFAULT_RETENTION_MONTHS, MaterialReportSettings


def load_report_settings(data, site):
    spec = data.get("material_reports")
    if site is None or not spec:
        return
    MaterialReportSettings.objects.get_or_create(
        site=site,
        defaults={
            "team_email": spec.get("team_email", ""),
            "retention_months": spec.get("retention_months", DEFAULT_RETENTION_MONTHS),
        },
    )
