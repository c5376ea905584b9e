"""A system check: report photos must never sit where the public media or static files are
served from."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_private_media_root(app_configs=None, **kwargs):
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public = Path(public).resolve()
        if private == public or public in private.parents or private in public.parents:
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({public}).",
                    hint="Report photos must be kept outside every folder the site serves: "
                    "set PRIVATE_MEDIA_ROOT to a folder of its own.",
                    id="material_reports.E001",
                )
            )
    return errors
