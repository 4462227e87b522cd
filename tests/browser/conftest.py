"""Real-browser tests: Debian's headless Chromium and chromedriver, driven by Selenium.

Nothing here downloads a browser or a driver: the system ones are used, and the tests skip,
saying why, on a machine without them (``apt-get install chromium chromium-driver``). CI sets
``REQUIRE_BROWSER_TESTS=1`` so that a missing browser fails the run instead.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1000",
]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives the system's headless Chromium against a live server"
    )


@pytest.fixture
def browser(tmp_path, monkeypatch):
    for program in (CHROMIUM, CHROMEDRIVER):
        if not program.exists():
            missing = (
                f"{program} is missing; install Debian's chromium and chromium-driver to run "
                "the browser tests"
            )
            if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
                pytest.fail(missing)
            pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    # Selenium Manager must neither fetch a browser nor a driver, nor report usage.
    monkeypatch.setenv("SE_OFFLINE", "true")
    monkeypatch.setenv("SE_AVOID_STATS", "true")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in [*CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
