from pages.models.base import BasePage
from pages.models.projects import CommunityProjectIndexPage, CommunityProjectPage
from pages.models.site_settings import SiteBranding, SiteNavigation
from pages.models.strategy import (
    ContestPage,
    ContestStrandPage,
    HomePage,
    InformationPage,
    PreventDutyPage,
)
from pages.models.training import TrainingCoursePage, TrainingIndexPage

__all__ = [
    "BasePage",
    "CommunityProjectIndexPage",
    "CommunityProjectPage",
    "ContestPage",
    "ContestStrandPage",
    "HomePage",
    "InformationPage",
    "PreventDutyPage",
    "SiteBranding",
    "SiteNavigation",
    "TrainingCoursePage",
    "TrainingIndexPage",
]
