"""Back up the database and uploaded files into one archive, and restore from it.

    manage.py backup [DESTINATION]     a folder (backups/ by default), a .tar.gz file name,
                                       or - to write the archive to standard output
    manage.py restore --yes ARCHIVE    an archive made by `backup`, or - to read standard input

Both take the database and the file folders from the Django settings, so DATABASE_URL,
MEDIA_ROOT and PRIVATE_MEDIA_ROOT mean exactly what they mean to the site. manage.py uses the
development settings unless DJANGO_SETTINGS_MODULE says otherwise; the Docker image sets the
production ones.

An archive is a .tar.gz holding, in this order:

    manifest.json       what it is: when it was made, the database engine, the applied migrations
    database.sqlite3    a consistent copy made with SQLite's backup API, or
    database.dump       pg_dump --format=custom --no-owner
    media/...           every uploaded image and document
    private_media/...   every private upload (photos sent with leaflet and sticker reports)
    checksums.sha256    a SHA-256 for every file above, in the format `sha256sum -c` reads

The manifest comes first, so restore refuses a wrong archive before unpacking anything. The
checksums come last because they are worked out while the archive is written; they catch
damage that gzip alone does not.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zlib
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from delivery.cdn import purge_everything

FORMAT = "prevent-site-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHECKSUMS = "checksums.sha256"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Connection options from DATABASE_URL that pg_dump and pg_restore take as environment variables.
POSTGRES_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A problem explained to the person running the command in one message."""


# Settings


def site_storage():
    """The database settings, their engine ("sqlite" or "postgresql") and the file folders, by
    the name each has in an archive."""
    database = settings.DATABASES["default"]
    engine = ENGINES.get(database["ENGINE"])
    if engine is None:
        raise BackupError(
            f"Only SQLite and PostgreSQL databases can be backed up, not {database['ENGINE']}."
        )
    if engine == "sqlite" and str(database["NAME"]) in ("", ":memory:"):
        raise BackupError("DATABASE_URL points to an in-memory SQLite database: there is no file.")
    folders = {
        "media": Path(settings.MEDIA_ROOT),
        "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
    }
    return database, engine, folders


def describe(database, engine):
    if engine == "sqlite":
        return f"the SQLite database {database['NAME']}"
    host = database.get("HOST") or "the local server"
    return f"the PostgreSQL database {database['NAME']} on {host}"


def postgres_environment(database):
    """libpq's environment variables, so the password never shows in a process list."""
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
    }
    options = database.get("OPTIONS") or {}
    for option, variable in POSTGRES_OPTIONS.items():
        values[variable] = options.get(option)
    return {**os.environ, **{name: str(value) for name, value in values.items() if value}}


def run_postgres_tool(tool, *arguments, database):
    if shutil.which(tool) is None:
        raise BackupError(
            f"{tool} is not installed. Install the PostgreSQL client tools "
            "(on Debian: apt-get install postgresql-client), as new as the server or newer."
        )
    result = subprocess.run(
        [tool, *arguments],
        env=postgres_environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{tool} failed:\n{result.stderr.strip()}")


# Backup


def backup(destination):
    database, engine, folders = site_storage()
    if engine == "sqlite" and not Path(database["NAME"]).is_file():
        raise BackupError(f"There is no SQLite database at {database['NAME']}. Check DATABASE_URL.")
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": {"engine": engine, "file": DATABASE_FILES[engine]},
        "folders": list(folders),
        "migrations": applied_migrations(),
        "versions": package_versions(),
    }
    with tempfile.TemporaryDirectory(prefix="prevent-backup-") as work:
        dump = Path(work, DATABASE_FILES[engine])
        if engine == "sqlite":
            copy_sqlite(database["NAME"], dump)
        else:
            run_postgres_tool(
                "pg_dump", "--format=custom", "--no-owner", f"--file={dump}", database=database
            )
        with archive_output(destination) as (output, name):
            media_count = write_archive(output, manifest, dump, folders)
    say(f"Backed up {describe(database, engine)} and {files(media_count)} to {name}.")


def applied_migrations():
    try:
        applied = MigrationRecorder(connection).applied_migrations()
    finally:
        connection.close()
    return sorted(f"{app}.{name}" for app, name in applied)


def package_versions():
    return {package: version(package) for package in ("django", "wagtail")}


def copy_sqlite(source, target):
    # SQLite's backup API takes a consistent copy even while the site is writing to the file.
    uri = Path(source).resolve().as_uri() + "?mode=ro"
    with (
        contextlib.closing(sqlite3.connect(uri, uri=True, timeout=30)) as source_db,
        contextlib.closing(sqlite3.connect(target)) as target_db,
    ):
        source_db.backup(target_db)


@contextlib.contextmanager
def archive_output(destination):
    """Yields a binary file to write to and a name for messages."""
    if destination == "-":
        if sys.stdout.isatty():
            raise BackupError("Send standard output to a file: manage.py backup - > NAME.tar.gz")
        yield sys.stdout.buffer, "standard output"
        sys.stdout.buffer.flush()
        return
    path = Path(destination)
    if not path.name.endswith((".tar.gz", ".tgz")):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d-%H%M%S")
        path = path / f"prevent-{stamp}.tar.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written under another name and renamed at the end, so a backup cut short never looks whole.
    partial = path.with_name(path.name + ".partial")
    try:
        # Owner only: a backup holds personal data (subscribers' emails, officers' accounts).
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as output:
            yield output, path
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class HashingReader:
    """Reads a file for tarfile and works out its SHA-256 on the way."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def write_archive(output, manifest, dump, folders):
    checksums = {}
    count = 0
    with tarfile.open(fileobj=output, mode="w|gz") as tar:
        add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode(), checksums)
        add_file(tar, dump.name, dump, checksums)
        for folder_name, root in folders.items():
            media = media_files(root)
            for path in media:
                name = f"{folder_name}/{path.relative_to(root).as_posix()}"
                add_file(tar, name, path, checksums)
            count += len(media)
        listing = "".join(f"{digest}  {name}\n" for name, digest in checksums.items())
        add_bytes(tar, CHECKSUMS, listing.encode(), {})
    return count


def media_files(media_root):
    if not media_root.is_dir():
        return []
    found = []
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        found += [Path(folder, name) for name in sorted(names)]
    return [path for path in found if path.is_file() and not path.is_symlink()]


def add_bytes(tar, name, data, checksums):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))
    checksums[name] = hashlib.sha256(data).hexdigest()


def add_file(tar, name, path, checksums):
    with open(path, "rb") as file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = HashingReader(file)
        tar.addfile(info, reader)
    checksums[name] = reader.sha256.hexdigest()


# Restore


def restore(archive, confirmed):
    database, engine, folders = site_storage()
    media_root = folders["media"]
    if not confirmed:
        raise BackupError(
            f"Restoring replaces {describe(database, engine)} and every file in {media_root} "
            f"and {folders['private_media']} with the backup's. Nothing has been changed. Run it "
            "again with --yes to go ahead."
        )
    label = "standard input" if archive == "-" else archive
    with tempfile.TemporaryDirectory(prefix="prevent-restore-") as work:
        work = Path(work)
        with archive_input(archive) as source:
            manifest, checksums, to_migrate = unpack(source, work, engine, label)
        verify(work, checksums, label)
        dump = work / DATABASE_FILES[engine]
        if engine == "sqlite":
            restore_sqlite(dump, Path(database["NAME"]))
        else:
            # One transaction: if anything fails, the database is left as it was.
            run_postgres_tool(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(dump),
                database=database,
            )
        try:
            # An archive from before private uploads were backed up leaves them as they are.
            media_count = sum(
                restore_media(work / name, folders[name])
                for name in manifest.get("folders", ["media"])
            )
        except OSError as error:
            raise BackupError(
                f"The database was restored but the media files were not: {error}. "
                "Fix that, then run the restore again."
            ) from None
    clear_cache()
    say(
        f"Restored {describe(database, engine)} and {files(media_count)} into {media_root} "
        f"from the backup made {manifest['created']}."
    )
    if to_migrate:
        say(
            "Run python manage.py migrate next: the backup is older than this version of the "
            f"site, which has {len(to_migrate)} more database migrations."
        )


@contextlib.contextmanager
def archive_input(archive):
    if archive == "-":
        if sys.stdin.isatty():
            raise BackupError(
                "Send the backup to standard input: manage.py restore --yes - < NAME.tar.gz"
            )
        yield sys.stdin.buffer
        return
    path = Path(archive)
    if path.is_dir():
        raise BackupError(
            f"{archive} is a folder. Give the backup file, such as {archive}/NAME.tar.gz."
        )
    if not path.is_file():
        raise BackupError(f"There is no file at {archive}.")
    with open(path, "rb") as file:
        yield file


def unpack(source, work, engine, label):
    """Check the manifest before anything else, then unpack the rest into `work`."""
    not_a_backup = f"{label} is not a backup made by manage.py backup."
    manifest = None
    try:
        with tarfile.open(fileobj=source, mode="r|*") as tar:
            members = iter(tar)
            first = next(members, None)
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(not_a_backup)
            manifest_bytes = tar.extractfile(first).read()
            manifest = read_manifest(manifest_bytes, not_a_backup)
            check_engine(manifest, engine, label)
            to_migrate = migrations_to_apply(manifest)
            allowed = manifest["database"]["file"]
            folders = tuple(manifest.get("folders", ["media"]))
            listing = None
            for member in members:
                if member.name == CHECKSUMS and member.isfile():
                    listing = tar.extractfile(member).read()
                    continue
                parts = PurePosixPath(member.name).parts
                if ".." in parts or (member.name != allowed and parts[0] not in folders):
                    raise BackupError(f"{label} holds a file a backup never has: {member.name}.")
                tar.extract(member, work, filter="data")
    except (tarfile.TarError, EOFError, zlib.error) as error:
        if manifest is None:
            raise BackupError(not_a_backup) from None
        raise BackupError(f"{label} is damaged: {error}.") from None
    if listing is None:
        raise BackupError(f"{label} is incomplete: it has no checksums. The backup was cut short.")
    checksums = read_checksums(listing, label)
    if checksums.get(MANIFEST) != hashlib.sha256(manifest_bytes).hexdigest():
        raise BackupError(f"{label} is damaged: its manifest does not match its checksum.")
    del checksums[MANIFEST]
    if allowed not in checksums:
        raise BackupError(f"{label} is incomplete: it has no database.")
    return manifest, checksums, to_migrate


def read_manifest(data, not_a_backup):
    try:
        manifest = json.loads(data)
    except ValueError:
        raise BackupError(not_a_backup) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(not_a_backup)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The backup is in format version {manifest.get('format_version')}; this script "
            f"reads version {FORMAT_VERSION}. Restore it with the version of the site that made it."
        )
    database = manifest.get("database")
    if not isinstance(database, dict) or database.get("engine") not in DATABASE_FILES:
        raise BackupError(not_a_backup)
    if database.get("file") != DATABASE_FILES[database["engine"]]:
        raise BackupError(not_a_backup)
    if not isinstance(manifest.get("migrations"), list):
        raise BackupError(not_a_backup)
    if not set(manifest.get("folders", ["media"])) <= {"media", "private_media"}:
        raise BackupError(not_a_backup)
    return manifest


def check_engine(manifest, engine, label):
    backed_up = manifest["database"]["engine"]
    if backed_up != engine:
        raise BackupError(
            f"{label} holds a {ENGINE_NAMES[backed_up]} database, but DATABASE_URL points to "
            f"{ENGINE_NAMES[engine]}. Set DATABASE_URL to a {ENGINE_NAMES[backed_up]} database."
        )


def read_checksums(listing, label):
    checksums = {}
    for line in listing.decode("utf-8", "replace").splitlines():
        digest, separator, name = line.partition("  ")
        if not separator or len(digest) != 64:
            raise BackupError(f"{label} is damaged: its checksum list cannot be read.")
        checksums[name] = digest
    return checksums


def verify(work, checksums, label):
    unpacked = {
        path.relative_to(work).as_posix(): path
        for path in work.rglob("*")
        if path.is_file() or path.is_symlink()
    }
    missing = sorted(checksums.keys() - unpacked.keys())
    if missing:
        raise BackupError(f"{label} is incomplete: {missing[0]} is missing.")
    extra = sorted(unpacked.keys() - checksums.keys())
    if extra:
        raise BackupError(f"{label} is damaged: {extra[0]} is not in its checksum list.")
    for name, path in unpacked.items():
        if path.is_symlink() or file_sha256(path) != checksums[name]:
            raise BackupError(f"{label} is damaged: {name} does not match its checksum.")


def file_sha256(path):
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def migrations_to_apply(manifest):
    """Refuse a backup from a newer version; list this version's migrations it lacks."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    in_backup = {tuple(name.split(".", 1)) for name in manifest["migrations"]}
    unknown = sorted(in_backup - known)
    if unknown:
        names = ", ".join(".".join(key) for key in unknown[:3])
        raise BackupError(
            "The backup comes from a newer version of the site: its database has changes this "
            f"version does not know ({names}). Deploy that version or a later one, then restore."
        )
    return sorted(
        key
        for key, migration in loader.disk_migrations.items()
        if key not in in_backup
        and not (migration.replaces and set(map(tuple, migration.replaces)) <= in_backup)
    )


def restore_sqlite(copy, target):
    # Written through SQLite rather than over the file, so a connection the site still holds
    # open, or a leftover write-ahead log, cannot mix old and new pages.
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(copy)) as source_db,
        contextlib.closing(sqlite3.connect(target, timeout=30)) as target_db,
    ):
        source_db.backup(target_db)


def restore_media(unpacked, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    # Empty the folder rather than replace it: in Docker it is a mounted volume. Files uploaded
    # since the backup go too, as the restored database knows nothing of them.
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if not unpacked.is_dir():
        return 0
    for child in unpacked.iterdir():
        shutil.move(child, media_root / child.name)
    return len(media_files(media_root))


def clear_cache():
    # Cached pages, and Wagtail's cached site paths, would still show what was there before.
    cache.clear()
    try:
        purge_everything()  # a CDN in front, if one is configured
    except Exception:  # an older schema, before `migrate`: the CDN's copies expire anyway
        print("Could not purge the CDN: purge it once `migrate` has run.", file=sys.stderr)


# Command line


def files(count):
    return "1 media file" if count == 1 else f"{count} media files"


def say(message):
    # Messages go to standard error, so standard output can carry the archive itself.
    print(message, file=sys.stderr)
