from django.tasks import task

from material_reports.notifications import MAIL_ERRORS, notify_team


@task
def notify_prevent_team(report_id):
    """Email the team a link to a new report. If the mail server fails, the report keeps its
    place in the queue for the scheduled retry (`send_material_report_alerts`)."""
    try:
        sent = notify_team(report_id)
    except MAIL_ERRORS:
        return {"sent": False, "stopped_by_mail_error": True}
    return {"sent": sent, "stopped_by_mail_error": False}
