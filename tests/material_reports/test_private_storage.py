"""Report photos are kept apart from every folder the site serves."""

from material_reports.checks import check_private_media_root


def test_the_system_check_refuses_photos_inside_the_public_media_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [e.id for e in check_private_media_root()] == ["material_reports.E001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    assert check_private_media_root() == []
