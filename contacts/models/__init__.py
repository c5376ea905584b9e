from contacts.models.approval import CouncilPublisherApprovalTask
from contacts.models.checklist import ReferralChecklistPage
from contacts.models.contact_points import ContactPoint
from contacts.models.pages import ConcernReportingPage, ContactDirectoryPage

__all__ = [
    "ConcernReportingPage",
    "ContactDirectoryPage",
    "ContactPoint",
    "CouncilPublisherApprovalTask",
    "ReferralChecklistPage",
]
