"""manage.py backup and manage.py restore: the same commands the Docker image runs.

The end-to-end test backs up a seeded site (tests/seeded_site.py) with an uploaded document,
damages it, restores it and finds everything back, served by the running site. It then
restores the same archive onto an empty database and media folder, as on a new server. It runs
on SQLite, and on PostgreSQL too when DATABASE_URL points at a PostgreSQL server: there it
works in scratch databases that it creates and drops, never in the suite's own.

The other tests check that restore refuses, and changes nothing, without --yes or when the
file is not a whole, matching backup.
"""

import contextlib
import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import urllib.error
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import dj_database_url
import pytest

from tests.seeded_site import manage, seeded_site

PROJECT = Path(__file__).resolve().parents[2]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = bool(DATABASE_URL) and dj_database_url.parse(DATABASE_URL)["ENGINE"].endswith(
    "postgresql"
)
DOCUMENT = b"Prevent referral form, version 3.\n"
# A photo sent with a leaflet report: private, never served, and backed up with the rest.
PHOTO = b"\xff\xd8\xff\xe0 a private photo"
PHONE, WRONG_PHONE = "020 7641 6032", "020 7946 0000"

ADD_DOCUMENT = f"""
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
document = get_document_model()(title="Referral form")
document.file.save("referral-form.txt", ContentFile({DOCUMENT!r}))
print(document.url)
"""
# What the database holds that a reader or an officer would miss.
DATABASE_STATE = """
import json
from contacts.models import ContactPoint
from wagtail.documents import get_document_model
from wagtail.models import Page
print(json.dumps({
    "pages": sorted(Page.objects.values_list("url_path", flat=True)),
    "contacts": sorted(
        [contact.site.hostname if contact.site else "", contact.key, contact.phone]
        for contact in ContactPoint.objects.select_related("site")
    ),
    "documents": sorted(get_document_model().objects.values_list("title", "file")),
}))
"""
# WRONG_PHONE as the site stores numbers (contacts/phone.py).
DAMAGE = """
from contacts.models import ContactPoint
from wagtail.models import Site
home = Site.objects.get(hostname="localhost").root_page
home.get_descendants().get(slug="contest").delete()
ContactPoint.objects.filter(site__hostname="localhost", key="prevent-team").update(
    phone="+442079460000"
)
"""


def script(env, name, *arguments, stdin=None, stdout=subprocess.PIPE):
    """Run manage.py backup or manage.py restore; returns the result, stderr as text."""
    result = subprocess.run(
        [sys.executable, "manage.py", name, *map(str, arguments)],
        cwd=PROJECT,
        env=env,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=300,
        check=False,
    )
    result.stderr = result.stderr.decode()
    return result


def state(env):
    """The database's pages, contacts and documents, and every media file with its checksum."""
    output = manage(env, "shell", "-c", DATABASE_STATE)
    media = Path(env["MEDIA_ROOT"])
    return {
        **json.loads(output.stdout.strip().splitlines()[-1]),
        "media": {
            path.relative_to(media).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media.rglob("*"))
            if path.is_file()
        },
    }


def status(site, path):
    try:
        site.fetch("westminster", path)
    except urllib.error.HTTPError as error:
        return error.code
    return 200


@pytest.fixture
def new_database(tmp_path):
    """Makes the DATABASE_URL of an empty database; on PostgreSQL, drops them all afterwards."""
    created = []

    def make(engine, name):
        if engine == "sqlite":
            # In a folder that does not exist yet: restore must make it.
            return f"sqlite:///{tmp_path / name / 'db.sqlite3'}"
        database = f"prevent_backup_{name}_{secrets.token_hex(4)}"
        on_postgres_server("CREATE DATABASE {}", database)
        created.append(database)
        return urlsplit(DATABASE_URL)._replace(path=f"/{database}").geturl()

    yield make
    for database in created:
        on_postgres_server("DROP DATABASE IF EXISTS {} WITH (FORCE)", database)


def on_postgres_server(statement, database):
    """CREATE or DROP a database on the suite's server, connected to its maintenance database."""
    import psycopg2
    from psycopg2 import sql

    server = dj_database_url.parse(DATABASE_URL)
    settings = {"user": "USER", "password": "PASSWORD", "host": "HOST", "port": "PORT"}
    connection = psycopg2.connect(
        dbname="postgres", **{key: server[name] for key, name in settings.items() if server[name]}
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(database)))
    finally:
        connection.close()


@pytest.mark.parametrize(
    "engine",
    [
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not ON_POSTGRES, reason="runs when DATABASE_URL points at PostgreSQL"
            ),
        ),
    ],
)
def test_a_restore_brings_back_the_pages_contacts_and_files_that_were_backed_up(
    engine, new_database, tmp_path
):
    if engine == "postgresql":
        # Loudly, not skipped: backups on PostgreSQL need these.
        for tool in ("pg_dump", "pg_restore"):
            assert shutil.which(tool), f"{tool} is missing: apt-get install postgresql-client"
    # On SQLite, seeded_site makes its own database file.
    site_database = new_database(engine, "site") if engine == "postgresql" else None
    # No page cache, so every answer below comes from the database as it is at that moment.
    with seeded_site(database_url=site_database, extra_env={"PAGE_CACHE_SECONDS": "0"}) as site:
        document_url = site.manage("shell", "-c", ADD_DOCUMENT).stdout.strip().splitlines()[-1]
        media = Path(site.env["MEDIA_ROOT"])
        private = Path(site.env["PRIVATE_MEDIA_ROOT"]) / "material_reports"
        private.mkdir(parents=True, exist_ok=True)
        (private / "photo.jpg").write_bytes(PHOTO)
        assert status(site, "/contest/") == 200
        assert PHONE in site.fetch("westminster", "/contacts/").decode()

        # The way docs/deploy.md takes backups from Docker: the archive on standard output.
        archive = tmp_path / "backup.tar.gz"
        with archive.open("wb") as output:
            backed_up = script(site.env, "backup", "-", stdout=output)
        assert backed_up.returncode == 0, backed_up.stderr
        before = state(site.env)
        assert "documents/referral-form.txt" in before["media"]

        site.manage("shell", "-c", DAMAGE)
        (media / "documents" / "referral-form.txt").unlink()
        shutil.rmtree(media / "original_images")
        (media / "documents" / "uploaded-after-the-backup.txt").write_text("Not in the backup.")
        (private / "photo.jpg").unlink()
        damaged = state(site.env)
        assert len(damaged["pages"]) < len(before["pages"])
        assert damaged["contacts"] != before["contacts"]
        assert "documents/referral-form.txt" not in damaged["media"]
        assert "original_images/westminster.png" not in damaged["media"]
        assert status(site, "/contest/") == 404
        assert WRONG_PHONE in site.fetch("westminster", "/contacts/").decode()

        restored = script(site.env, "restore", "--yes", archive)
        assert restored.returncode == 0, restored.stderr
        assert state(site.env) == before
        assert (private / "photo.jpg").read_bytes() == PHOTO
        # The running site serves it all again.
        assert status(site, "/contest/") == 200
        contacts_page = site.fetch("westminster", "/contacts/").decode()
        assert PHONE in contacts_page
        assert WRONG_PHONE not in contacts_page
        assert site.fetch("westminster", document_url) == DOCUMENT
        logo = PROJECT / "fixtures" / "media" / "logos" / "westminster.png"
        assert site.fetch("westminster", "/media/original_images/westminster.png") == (
            logo.read_bytes()
        )

        # A new server: an empty database and no media folder, the archive on standard input.
        new_server = {
            **site.env,
            "DATABASE_URL": new_database(engine, "new"),
            "MEDIA_ROOT": str(tmp_path / "new-media"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "new-private-media"),
        }
        with archive.open("rb") as source:
            restored = script(new_server, "restore", "--yes", "-", stdin=source)
        assert restored.returncode == 0, restored.stderr
        assert state(new_server) == before
        assert (tmp_path / "new-private-media" / "material_reports" / "photo.jpg").read_bytes() == (
            PHOTO
        )


# Refusals: a small SQLite site is enough, as restore refuses before it touches the database.


@pytest.fixture
def small_site(tmp_path):
    """A SQLite database with one row and a media folder with one file, and a backup of them."""
    database = tmp_path / "db.sqlite3"
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("CREATE TABLE note (text TEXT)")
        db.execute("INSERT INTO note VALUES ('as backed up')")
        db.commit()
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    # Incompressible, so the archive is long enough to cut in the middle of the media.
    backed_up_media = secrets.token_bytes(64_000)
    (media / "documents" / "form.pdf").write_bytes(backed_up_media)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private_media"),
        "DJANGO_SETTINGS_MODULE": "prevent_site.settings.dev",
    }
    archive = tmp_path / "backup.tar.gz"
    backed_up = script(env, "backup", archive)
    assert backed_up.returncode == 0, backed_up.stderr
    # Changed since the backup, so a restore would show.
    with contextlib.closing(sqlite3.connect(database)) as db:
        db.execute("UPDATE note SET text = 'changed since'")
        db.commit()
    (media / "documents" / "form.pdf").write_bytes(b"changed since")

    def note():
        with contextlib.closing(sqlite3.connect(database)) as db:
            return db.execute("SELECT text FROM note").fetchone()[0]

    return SimpleNamespace(
        env=env,
        archive=archive,
        tmp_path=tmp_path,
        backed_up_media=backed_up_media,
        note=note,
        media=lambda: (media / "documents" / "form.pdf").read_bytes(),
    )


def rebuild(archive, target, *, edit_manifest=None, replace=None):
    """Copy a backup with a changed manifest or file, keeping its original checksums."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and edit_manifest:
                manifest = json.loads(data)
                edit_manifest(manifest)
                data = json.dumps(manifest).encode()
            data = (replace or {}).get(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))


def test_restore_changes_nothing_without_yes(small_site):
    refused = script(small_site.env, "restore", small_site.archive)
    assert refused.returncode != 0
    assert "Run it again with --yes" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert small_site.note() == "changed since"
    assert small_site.media() == b"changed since"

    # The same command with --yes does restore: it was only the confirmation that was missing.
    restored = script(small_site.env, "restore", "--yes", small_site.archive)
    assert restored.returncode == 0, restored.stderr
    assert small_site.note() == "as backed up"
    assert small_site.media() == small_site.backed_up_media


def a_text_file(site, path):
    path.write_text("Minutes of the Prevent board, 4 March.\n")


def a_media_tarball(site, path):
    # The media folder alone, as a hand-made archive would hold it.
    with tarfile.open(path, "w:gz") as tar:
        tar.add(Path(site.env["MEDIA_ROOT"]), arcname="media")


def no_file(site, path):
    pass


def a_backup_cut_short(site, path):
    data = site.archive.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def a_backup_with_a_damaged_file(site, path):
    rebuild(site.archive, path, replace={"media/documents/form.pdf": secrets.token_bytes(64_000)})


def a_postgresql_backup(site, path):
    def to_postgresql(manifest):
        manifest["database"] = {"engine": "postgresql", "file": "database.dump"}

    rebuild(site.archive, path, edit_manifest=to_postgresql)


def a_backup_from_a_newer_version(site, path):
    rebuild(
        site.archive,
        path,
        edit_manifest=lambda manifest: manifest["migrations"].append("pages.9999_from_the_future"),
    )


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (a_text_file, "is not a backup made by manage.py backup"),
        (a_media_tarball, "is not a backup made by manage.py backup"),
        (no_file, "There is no file at"),
        (a_backup_cut_short, "is damaged"),
        (a_backup_with_a_damaged_file, "media/documents/form.pdf does not match its checksum"),
        (a_postgresql_backup, "holds a PostgreSQL database, but DATABASE_URL points to SQLite"),
        (a_backup_from_a_newer_version, "comes from a newer version of the site"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_whole_matching_backup(small_site, make_file, message):
    path = small_site.tmp_path / "suspect.tar.gz"
    make_file(small_site, path)
    refused = script(small_site.env, "restore", "--yes", path)
    assert refused.returncode == 1
    assert message in refused.stderr
    assert "Traceback" not in refused.stderr
    assert small_site.note() == "changed since"
    assert small_site.media() == b"changed since"
