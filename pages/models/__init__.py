from pages.models.base import BasePage
from pages.models.home import HomePage
from pages.models.information import InformationPage
from pages.models.projects import CommunityProjectIndexPage, CommunityProjectPage
from pages.models.site_settings import EmergencyNotice, SiteBranding, SiteNavigation
from pages.models.strategy import ContestPage, ContestStrandPage, PreventDutyPage
from pages.models.training import TrainingCoursePage, TrainingIndexPage

__all__ = [
    "BasePage",
    "CommunityProjectIndexPage",
    "CommunityProjectPage",
    "ContestPage",
    "ContestStrandPage",
    "EmergencyNotice",
    "HomePage",
    "InformationPage",
    "PreventDutyPage",
    "SiteBranding",
    "SiteNavigation",
    "TrainingCoursePage",
    "TrainingIndexPage",
]
