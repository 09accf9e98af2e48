"""A real browser runs every lesson: JupyterLab 4 + Playwright + Debian's chromium.

One JupyterLab server (on a temporary copy of the course, so autosave never writes outputs
into the repository, with fresh config/runtime/settings folders) serves every lesson in
``notebooks/`` in turn; the test is parametrised over that folder, so a lesson added later is
covered. For each lesson: open it, wait for a real kernel, *Run All*, wait until every code cell
ran without an error, then for each widget find a dropdown or a slider, change it, and check
that the text the widget prints changes. A screenshot per lesson is kept in
``test-artifacts/browser_<lesson>.png``.

In CI (``CI`` or ``PMLIB_REQUIRE_BROWSER`` set) a missing chromium or playwright is a failure;
on a developer's machine the test is skipped with the install command.
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
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RUN_TIMEOUT_S = 300  # one lesson, top to bottom, on a shared 2-core machine


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


def _settings(folder: Path) -> None:
    """No news toast over the page; every cell rendered (no windowing), so all can be read."""
    files = {
        ("@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"):
            {"fetchNews": "false", "checkForUpdates": False},
        ("@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings"): {"windowingMode": "none"},
    }
    for parts, content in files.items():
        path = folder.joinpath(*parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


def _api(url: str, token: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{url}{path}?token={token}", method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One JupyterLab server on a temporary copy of the course; yields (base_url, token)."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "course"
    for name in ("notebooks", "exercises", "docs"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
    settings = base / "settings"
    _settings(settings)
    env = dict(os.environ,
               JUPYTER_CONFIG_DIR=str(base / "config"), JUPYTER_RUNTIME_DIR=str(base / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
               PMLIB_DATA_DIR=str(ROOT / "datasets"), PMLIB_PROGRESS=str(base / "progress.json"))
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
        _api(url, token, "/api/shutdown", "POST")
        proc.wait(timeout=20)
    except Exception:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed (optional extra `test`: pip install -e '.[test]')")
    _need(CHROMIUM.exists(), f"no browser at {CHROMIUM}: install it with `sudo apt-get install -y chromium` "
                             "(Debian/Ubuntu), or point PMLIB_CHROMIUM at a Chromium binary")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROME_ARGS)
        yield b
        b.close()


def _stop_kernels(url: str, token: str) -> None:
    """Shut the lesson's kernel down so the next lesson starts on a quiet machine."""
    for session in _api(url, token, "/api/sessions") or []:
        try:
            _api(url, token, f"/api/sessions/{session['id']}", "DELETE")
        except OSError:
            pass


_PROGRESS_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  let pending = 0;
  for (const cell of cells) {
    const source = (cell.querySelector('.cm-content') || {}).textContent || '';
    const prompt = (cell.querySelector('.jp-InputPrompt') || {}).textContent || '';
    if (source.trim() && !/\\[\\d+\\]/.test(prompt)) pending += 1;
  }
  const errors = [...document.querySelectorAll('.jp-OutputArea-output')]
      .map(e => e.textContent).filter(t => t.includes('Traceback (most recent call last)')
                                        || /^\\s*-{20,}\\s*\\w+(Error|Exception)/.test(t));
  return {cells: cells.length, pending: pending, errors: errors.map(t => t.slice(0, 1500))};
}"""


def open_and_run_all(page, url, token, notebook):
    """Open a lesson, wait for its kernel, Run All, and wait until every code cell has run."""
    page.goto(f"{url}/lab/tree/{notebook}?token={token}&reset", wait_until="domcontentloaded")
    # A real kernel, not just an idle toolbar (CONTRIBUTING.md, "Browser notes").
    page.wait_for_selector("#jp-main-statusbar:has-text('(ipykernel) | Idle')", timeout=90_000)
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=30_000)
    for attempt in range(3):
        page.click("li.lm-MenuBar-item:has-text('Run')")
        page.click("li.lm-Menu-item[data-command='runmenu:run-all']")
        if page.locator(".jp-Dialog").count():
            page.click(".jp-Dialog-button.jp-mod-accept")
        # Run All queues every cell: within a few seconds some prompt shows [*] or a number
        try:
            page.wait_for_function("() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')]"
                                   ".some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))", timeout=20_000)
            break
        except Exception:
            if attempt == 2:
                raise
    deadline = time.time() + RUN_TIMEOUT_S
    while True:
        state = page.evaluate(_PROGRESS_JS)
        if state["errors"]:
            raise AssertionError(f"{notebook} raised an error in the browser:\n{state['errors'][0]}")
        if state["pending"] == 0:
            return state
        if time.time() > deadline:
            raise AssertionError(f"{notebook}: {state['pending']} of {state['cells']} code cells had not run "
                                 f"after {RUN_TIMEOUT_S} s")
        page.wait_for_timeout(1000)


def _controls(widget):
    """The widget's dropdowns, then its sliders: ``(kind, locator)`` pairs, in screen order."""
    found = []
    selects = widget.locator(".widget-dropdown select")
    found += [("dropdown", selects.nth(i)) for i in range(selects.count())]
    handles = widget.locator(".widget-slider .noUi-handle")
    found += [("slider", handles.nth(i)) for i in range(handles.count())]
    return found


def _move(kind: str, control) -> str:
    """Change one control to another value, as a user would; return what was done ('' if nothing)."""
    if kind == "dropdown":
        options = control.locator("option")
        values = [options.nth(i).get_attribute("value") for i in range(options.count())]
        others = [v for v in values if v != control.input_value()]
        if not others:
            return ""
        control.select_option(value=others[0])
        return f"dropdown -> option {others[0]}"
    control.focus()
    before = control.get_attribute("aria-valuenow")
    control.press("ArrowRight")  # one step: one redraw, as a user's single move
    if control.get_attribute("aria-valuenow") == before:  # at its maximum: go the other way
        control.press("ArrowLeft")
    after = control.get_attribute("aria-valuenow")
    return f"slider {before} -> {after}" if after != before else ""


def _respond(widget, text) -> str:
    """Move the widget's controls one at a time until its printed text changes.

    Some controls only prepare others (a dropdown that loads an activity's estimates into the
    sliders), so the first control may leave the text as it is; the widget fails only when no
    dropdown or slider changes it.
    """
    from playwright.sync_api import expect

    tried = []
    for kind, control in _controls(widget):
        before = text.inner_text()
        what = _move(kind, control)
        if not what:
            continue
        tried.append(what)
        try:
            expect(text).not_to_have_text(before, timeout=15_000)
            return what
        except AssertionError:
            continue
    if tried:
        raise AssertionError(f"the widget's text did not change after: {tried}")
    return ""


@pytest.mark.browser
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_and_its_widgets_respond(lab, browser, lesson):
    from playwright.sync_api import expect

    url, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    shot = ARTIFACTS / f"browser_{lesson.stem}.png"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        open_and_run_all(page, url, token, f"notebooks/{lesson.name}")
        widgets = page.locator(".jp-OutputArea-output:has(.widget-html pre)")
        count = widgets.count()
        changed = []
        for i in range(count):
            widget = widgets.nth(i)
            text = widget.locator(".widget-html pre").first
            widget.scroll_into_view_if_needed()
            expect(text).not_to_be_empty(timeout=30_000)
            assert "Cannot compute this" not in text.inner_text(), f"widget {i + 1} shows an error"
            what = _respond(widget, text)
            if not what:
                continue  # no dropdown or slider (e.g. buttons only): rendering was checked
            assert "Cannot compute this" not in text.inner_text(), f"widget {i + 1} after {what}"
            changed.append(what)
        if count:
            widgets.first.scroll_into_view_if_needed()
            assert changed, f"{lesson.name}: no widget had a dropdown or slider to move"
        page.wait_for_selector("#jp-main-statusbar:has-text('(ipykernel) | Idle')", timeout=60_000)
        page.screenshot(path=str(shot), full_page=False)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / f"browser_{lesson.stem}_failure.png"), full_page=False)
        raise
    finally:
        page.close()
        _stop_kernels(url, token)


@pytest.mark.browser
def test_start_here_widget_counts_in_a_real_browser(lab, browser):
    """The start page's explorer: the figures it prints follow the program picked."""
    from playwright.sync_api import expect

    url, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        open_and_run_all(page, url, token, "notebooks/00_start_here.ipynb")
        summary = page.locator(".widget-html pre").filter(has_text="projects, total budget").first
        expect(summary).to_contain_text("25 projects", timeout=30_000)
        select = page.locator(".widget-dropdown select").first
        # ipywidgets renders spaces in labels as no-break spaces: match the option by its id
        option = select.locator("option", has_text="PG-HOME").first
        select.select_option(value=option.get_attribute("value"), timeout=15_000)
        expect(summary).to_contain_text("5 projects", timeout=30_000)
        expect(summary).to_contain_text("PG-HOME")
    finally:
        page.close()
        _stop_kernels(url, token)
