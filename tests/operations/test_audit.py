"""`make audit` never passes when it could not ask the advisory services."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.network import closed_port

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not (PROJECT / ".venv/bin/pip-audit").exists() or not shutil.which("npm"),
    reason="pip-audit (requirements-dev.txt) and npm are needed",
)
def test_the_audit_fails_and_says_why_when_the_advisory_services_are_out_of_reach():
    nowhere = f"http://127.0.0.1:{closed_port()}"
    env = {
        **os.environ,
        # Every request goes to a port where nothing listens, as on a machine offline.
        "HTTPS_PROXY": nowhere,
        "HTTP_PROXY": nowhere,
        "https_proxy": nowhere,
        "http_proxy": nowhere,
        "npm_config_proxy": nowhere,
        "npm_config_https_proxy": nowhere,
        "npm_config_fetch_retries": "0",
        "PIP_AUDIT_TIMEOUT": "5",
    }
    result = subprocess.run(
        [str(PROJECT / "scripts" / "audit")],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "FAILED: a pinned Python package has a known vulnerability, or its advisory" in output
    assert "FAILED: a front-end package has a known vulnerability, or the npm" in output
    assert "No known vulnerabilities" not in output
