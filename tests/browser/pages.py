"""The admin as a person uses it in a browser: pages, fields, autocompletes, buttons."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "a long and unguessable passphrase 7"

# Select the characters [from, to) of the quote picker's body, counted in UTF-16 units as the
# page's script counts them, as a mouse would, and tell the picker.
SELECT_IN_BODY = """
const [from, to] = arguments;
const pane = document.querySelector('.quote-picker-body');
const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
const range = document.createRange();
let seen = 0, node, started = false;
while ((node = walker.nextNode())) {
  const length = node.data.length;
  if (!started && from <= seen + length) { range.setStart(node, from - seen); started = true; }
  if (started && to <= seen + length) { range.setEnd(node, to - seen); break; }
  seen += length;
}
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
pane.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
"""
WAIT = 15


def make_user(username: str, group: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


class Admin:
    """The admin, as a person uses it: pages, fields, buttons."""

    def __init__(self, driver, base_url: str):
        self.driver, self.base_url = driver, base_url
        self.wait = WebDriverWait(driver, WAIT)

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def find(self, css: str):
        return self.wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css: str) -> None:
        self.wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, css))).click()

    def type(self, css: str, text: str) -> None:
        # A field found just as its page was replaced (a redirect landing late, on a loaded
        # machine) is stale: Chromium says its node "does not belong to the document". Find
        # it again, twice at most; any other error is the test's.
        for attempt in range(3):
            try:
                field = self.find(css)
                field.clear()
                field.send_keys(text)
                return
            except WebDriverException as error:
                stale = isinstance(error, StaleElementReferenceException) or (
                    "does not belong to the document" in str(error)
                )
                if not stale or attempt == 2:
                    raise

    def choose(self, css: str, value: str) -> None:
        Select(self.find(css)).select_by_value(value)

    def autocomplete(self, container_css: str, search: str, option_text: str) -> None:
        """Pick ``option_text`` in the select2 autocomplete inside ``container_css``."""
        self.click(f"{container_css} .select2-selection")
        self.type(".select2-container--open .select2-search__field", search)
        option = self.wait.until(
            ec.element_to_be_clickable(
                (
                    By.XPATH,
                    "//li[contains(@class, 'select2-results__option') and "
                    f"contains(normalize-space(.), {json.dumps(option_text)})]",
                )
            )
        )
        option.click()

    def submit(self, css: str) -> None:
        """Click a button that posts a form, and wait for the page it leads to."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.click(css)
        self.wait.until(ec.staleness_of(page))
        self.find("#content")

    def log_in(self, username: str) -> None:
        self.driver.delete_all_cookies()
        self.open("/admin/login/?next=/admin/")
        self.type("#id_username", username)
        self.type("#id_password", PASSWORD)
        self.submit("input[type=submit]")
        self.find("#user-tools")

    def save_and_continue(self) -> None:
        self.submit("input[name=_continue]")
        self.find(".messagelist .success")

    def success(self) -> str:
        return self.find(".messagelist .success").text

    def object_id(self) -> int:
        return int(self.driver.current_url.rstrip("/").split("/")[-2])
