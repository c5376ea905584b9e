"""Where report photos are kept: a folder outside MEDIA_ROOT with no public address.

The files are read only through the admin's photo view, which checks that the officer works
for the council the report was sent to. The folder is read from the setting each time, so a
deployment (or a test) can move it without a migration.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateMediaStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    def url(self, name):
        raise ValueError("Private files have no public address: use the admin's photo view.")


private_storage = PrivateMediaStorage()
