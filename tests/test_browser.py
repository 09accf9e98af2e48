"""A real browser drives the course: JupyterLab 4 + Playwright + Debian's chromium.

Recipe: ../shared/BROWSER_TESTS.md. JupyterLab serves a temporary copy of the notebooks (so
autosave never writes outputs into the repository) with fresh config/runtime/settings dirs.
The screenshot is kept in test-artifacts/. In CI (CI or PMLIB_REQUIRE_BROWSER set) a missing
chromium or playwright is a failure; on a developer's machine the test is skipped with the
install command.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("PMLIB_CHROMIUM", "/usr/bin/chromium"))
REQUIRED = bool(os.environ.get("CI") or os.environ.get("PMLIB_REQUIRE_BROWSER"))
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need(condition: bool, message: str):
    if condition:
        return
    if REQUIRED:
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the notebooks; yields (base_url, token)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    if (ROOT / "exercises").is_dir():
        shutil.copytree(ROOT / "exercises", root / "exercises")
    settings = base / "settings"
    notify = settings / "@jupyterlab" / "apputils-extension"
    notify.mkdir(parents=True)
    (notify / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
               PMLIB_DATA_DIR=str(ROOT / "datasets"))
    port, token = _free_port(), "pmlib-browser-test"
    log = open(base / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly"],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("JupyterLab did not start:\n" + (base / "lab.log").read_text()[-3000:])
            time.sleep(0.5)
    yield url, token
    try:
        urllib.request.urlopen(urllib.request.Request(f"{url}/api/shutdown?token={token}", method="POST"), timeout=5)
        proc.wait(timeout=20)
    except Exception:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed: pip install -e '.[test]'")
    _need(CHROMIUM.exists(), f"no browser at {CHROMIUM}: install it with `sudo apt-get install -y chromium` "
                             "(Debian/Ubuntu), or point PMLIB_CHROMIUM at a Chromium binary")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)
        yield b
        b.close()


def open_and_run_all(page, url, token, notebook):
    page.goto(f"{url}/lab/tree/{notebook}?token={token}&reset", wait_until="domcontentloaded")
    # A real kernel, not just an idle toolbar: see BROWSER_TESTS.md.
    page.wait_for_selector("#jp-main-statusbar:has-text('(ipykernel) | Idle')", timeout=90_000)
    for attempt in range(3):
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
        if page.locator(".jp-Dialog").count():
            page.click(".jp-Dialog-button.jp-mod-accept")
        try:
            page.wait_for_selector(".widget-dropdown select", timeout=60_000)
            return
        except Exception:
            if attempt == 2:
                raise


@pytest.mark.browser
def test_start_here_widget_in_a_real_browser(lab, browser):
    from playwright.sync_api import expect

    url, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        open_and_run_all(page, url, token, "notebooks/00_start_here.ipynb")
        summary = page.locator(".widget-html pre").filter(has_text="projects, total budget").first
        expect(summary).to_contain_text("25 projects", timeout=30_000)
        select = page.locator(".widget-dropdown select").first
        try:
            # ipywidgets renders spaces in labels as no-break spaces: match the option by its id
            option = select.locator("option", has_text="PG-HOME").first
            select.select_option(value=option.get_attribute("value"), timeout=15_000)
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "browser_00_start_here_failure.png"))
            options = select.locator("option").all_inner_texts()
            raise AssertionError(f"program dropdown options: {options}") from None
        expect(summary).to_contain_text("5 projects", timeout=30_000)
        expect(summary).to_contain_text("PG-HOME")
        summary.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "browser_00_start_here.png"), full_page=False)
    finally:
        page.close()
