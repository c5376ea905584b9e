"""gunicorn.conf.py: two instances on one machine must not share gunicorn's control socket."""

import runpy
from pathlib import Path

from gunicorn.config import Config

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def load(monkeypatch, **environ):
    for name in ("GUNICORN_CONTROL_SOCKET", "GUNICORN_PIDFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(CONFIG)).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_by_default_an_instance_opens_no_control_socket(monkeypatch):
    config = load(monkeypatch)
    assert config.control_socket_disable is True
    assert config.pidfile is None


def test_each_instance_can_have_its_own_control_socket_and_pid_file(monkeypatch, tmp_path):
    first = load(
        monkeypatch,
        GUNICORN_CONTROL_SOCKET=str(tmp_path / "app1.ctl"),
        GUNICORN_PIDFILE=str(tmp_path / "app1.pid"),
    )
    second = load(monkeypatch, GUNICORN_CONTROL_SOCKET=str(tmp_path / "app2.ctl"))
    assert first.control_socket_disable is False
    assert (first.control_socket, second.control_socket) == (
        str(tmp_path / "app1.ctl"),
        str(tmp_path / "app2.ctl"),
    )
    assert first.pidfile == str(tmp_path / "app1.pid")
