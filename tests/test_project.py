"""House rules that keep the aid trustworthy: layout, CI, no streamlit in decision/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    """.ci/run runs exactly the test command a new user copies from the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run the tests", 1)[1]
    command = re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_readme_starts_the_app_with_streamlit_run():
    """The README's first command installs and ends in `streamlit run app.py`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Run the app", 1)[1]
    command = re.search(r"```bash\n(.+?)\n```", section, re.S).group(1).strip()
    assert "pip install -r requirements.txt" in command
    assert command.endswith("streamlit run app.py")


def test_decision_package_never_imports_streamlit():
    """decision/ is pure Python, so it can be tested and reused without the UI."""
    for path in (ROOT / "decision").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", source, re.M), path.name


def test_no_raw_html_reaches_the_page():
    """No page lets HTML through: unsafe_allow_html is never used."""
    for path in [ROOT / "app.py", *(ROOT / "pages").rglob("*.py")]:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path.name


def test_requirements_are_pinned():
    """Every requirement is pinned to an exact version."""
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.\-]*", line), line


def test_usage_statistics_are_off():
    """The app sends no usage statistics and hides tracebacks from patients."""
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "gatherUsageStats = false" in config
    assert 'showErrorDetails = "none"' in config
