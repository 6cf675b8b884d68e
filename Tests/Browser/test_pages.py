"""dossier's page in a real browser: headless Chromium driven by Selenium, against the real
dossierd and dossier-web on a folder with the seed and a few more documents.

    Tests/Browser/test_pages.py BIN-DIR SEEDS-DIR

Screenshots of each page are saved under .build/screenshots for a person to look at.
"""

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

os.environ.setdefault("SE_AVOID_STATS", "true")  # Selenium Manager asks nothing of the network

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ".build/debug"
SEEDS = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else "seeds"
SHOTS = os.path.abspath(".build/screenshots")

HOSTILE = """<script>document.title = 'pwned'; window.pwned = 1;</script>
Quetta shura notes. <a href="javascript:window.pwned=2">click here</a> and </textarea>
<img src=x onerror="window.pwned=3"> The Quetta shura met again.
"""

NOTE = """# McKenzie's warning

Published August 27, 2021

General Kenneth McKenzie warned on August 26 that the threat from ISIS-K was real.
"""


def wait_for(condition, what, seconds=60.0):
    """Polls `condition` until it returns something true, at most `seconds`."""
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as error:  # the page may be loading
            last = error
        time.sleep(0.1)
    raise AssertionError(f"waited {seconds} s for {what}" + (f" (last error: {last})" if last else ""))


class Site:
    """dossierd on a folder, and dossier-web in front of it."""

    def __init__(self):
        self.work = tempfile.mkdtemp(prefix="dossier-web-test-")
        self.root = os.path.join(self.work, "docs")
        shutil.copytree(SEEDS, self.root)
        with open(os.path.join(self.root, "note.md"), "w") as file:
            file.write(NOTE)
        with open(os.path.join(self.root, "<svg onload=alert(1)> quetta.txt"), "w") as file:
            file.write(HOSTILE)
        for name in ("state", "cache", "run"):
            os.makedirs(os.path.join(self.work, name))
        self.socket = os.path.join(self.work, "run", "io.dossier")
        self.daemon = None
        self.logs = []
        self.start_daemon()
        self.logs.append(open(os.path.join(self.work, "web.log"), "w"))
        self.web = subprocess.Popen(
            [os.path.join(BIN, "dossier-web"), "--socket", self.socket, "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=self.logs[-1], text=True)
        line = self.web.stdout.readline()
        match = re.search(r"open (http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+))", line)
        if not match:
            raise AssertionError(f"dossier-web printed no address: {line!r}")
        self.entry, self.port, self.token = match.group(1), int(match.group(2)), match.group(3)
        self.base = f"http://127.0.0.1:{self.port}"

    def start_daemon(self):
        self.logs.append(open(os.path.join(self.work, "dossierd.log"), "a"))
        self.daemon = subprocess.Popen(
            [os.path.join(BIN, "dossierd"), "--root", self.root, "--state-dir", os.path.join(self.work, "state"),
             "--cache-dir", os.path.join(self.work, "cache"), "--socket", self.socket, "--settle-ms", "50"],
            stdout=subprocess.DEVNULL, stderr=self.logs[-1])
        wait_for(lambda: subprocess.run(
            [os.path.join(BIN, "dossier"), "status", "--wait", "--socket", self.socket],
            capture_output=True, timeout=60).returncode == 0, "dossierd's first scan")

    def stop_daemon(self):
        if self.daemon and self.daemon.poll() is None:
            self.daemon.send_signal(signal.SIGTERM)
            self.daemon.wait(timeout=30)

    def close(self):
        for process in (self.web, self.daemon):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.web:
            self.web.stdout.close()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def request(self, path, method="GET", body=None, host=None, cookie=True):
        """An HTTP request outside the browser: (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": host or f"127.0.0.1:{self.port}"}
        if cookie:
            headers["Cookie"] = f"dossier_token_{self.port}={self.token}"
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


SITE = None
DRIVER = None


def setUpModule():
    global SITE, DRIVER
    os.makedirs(SHOTS, exist_ok=True)
    SITE = Site()
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                     "--disable-gpu", "--no-first-run"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    DRIVER = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    DRIVER.set_page_load_timeout(60)
    DRIVER.get(SITE.entry)
    wait_for(lambda: DRIVER.current_url.rstrip("/") == SITE.base, "the token to be taken and the address cleaned")


def tearDownModule():
    if DRIVER:
        DRIVER.quit()
    if SITE:
        SITE.close()


def open_page(path):
    DRIVER.get(SITE.base + path)
    wait_for(lambda: DRIVER.execute_script("return document.readyState") == "complete", f"{path} to load")


def shot(name):
    DRIVER.save_screenshot(os.path.join(SHOTS, name + ".png"))


def serious_violations():
    """The page's accessibility problems that axe-core rates serious or critical."""
    from axe_selenium_python import Axe
    axe = Axe(DRIVER)
    axe.inject()
    results = axe.run()
    return [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in results["violations"]
            if v.get("impact") in ("serious", "critical")]


class PageTests(unittest.TestCase):
    maxDiff = None

    def test_1_search_open_a_hit_and_click_a_name(self):
        open_page("/search?q=haqqani")
        total = DRIVER.find_element(By.ID, "total").text
        self.assertRegex(total, r"\d+ documents? match")
        marks = DRIVER.find_elements(By.CSS_SELECTOR, ".snippet mark")
        self.assertTrue(any(mark.text.lower() == "haqqani" for mark in marks), "the snippet marks the word")
        shot("search")
        DRIVER.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
        wait_for(lambda: "/doc/" in DRIVER.current_url, "the document's page")
        names = DRIVER.find_elements(By.CSS_SELECTOR, "article.text a.name")
        self.assertTrue(names, "the text marks names")
        shot("document")
        target = next(a for a in names if "Haqqani" in a.text)
        target.click()
        wait_for(lambda: "/entity/" in DRIVER.current_url, "the name's page")
        self.assertIn("Haqqani", DRIVER.find_element(By.TAG_NAME, "h1").text)
        self.assertTrue(DRIVER.find_elements(By.CSS_SELECTOR, ".related li"), "the names it is named with")
        shot("entity")

    def test_2_rename_a_name_and_find_it_by_its_new_name(self):
        open_page("/entity/" + urllib.parse.quote("Kenneth McKenzie"))
        field = DRIVER.find_element(By.ID, "rename-to")
        field.send_keys("Frank McKenzie")
        field.submit()
        wait_for(lambda: "/correct" in DRIVER.current_url, "the page that asks to confirm")
        self.assertIn("Frank McKenzie", DRIVER.find_element(By.TAG_NAME, "main").text)
        shot("confirm")
        DRIVER.find_element(By.ID, "confirm").click()
        wait_for(lambda: "/entity/Frank" in DRIVER.current_url, "the renamed name's page")
        open_page("/search?" + urllib.parse.urlencode({"q": "", "entity": "Frank McKenzie"}))
        wait_for(lambda: DRIVER.find_elements(By.CSS_SELECTOR, ".hit"), "documents found by the new name")
        open_page("/search?" + urllib.parse.urlencode({"q": "", "entity": "frank mckenzie", "kind": "person"}))
        self.assertTrue(DRIVER.find_elements(By.CSS_SELECTOR, ".hit"), "the name of that kind")
        open_page("/search?" + urllib.parse.urlencode({"q": "", "entity": "Frank McKenzie", "kind": "place"}))
        self.assertIn("No place is named Frank McKenzie", DRIVER.find_element(By.TAG_NAME, "main").text)
        open_page("/entities")
        names = [a.text for a in DRIVER.find_elements(By.CSS_SELECTOR, "table a.name")]
        self.assertIn("Frank McKenzie", names)
        self.assertNotIn("Kenneth McKenzie", names, "the old name is only an alias now")

    def test_3_ask_the_readmes_question(self):
        open_page("/ask?" + urllib.parse.urlencode({"q": "Is ISIS-K related to the Taliban?"}))
        first = DRIVER.find_element(By.CSS_SELECTOR, ".answer")
        self.assertIn("Haqqani network", first.find_element(By.CSS_SELECTOR, ".sentence").text)
        shot("ask")
        first.find_element(By.CSS_SELECTOR, ".source a").click()
        wait_for(lambda: DRIVER.find_elements(By.CSS_SELECTOR, "mark#mark"), "the answer marked in its document")
        self.assertIn("Haqqani", DRIVER.find_element(By.CSS_SELECTOR, "mark#mark").text)

    def test_4_timeline_has_bars_and_network_has_nodes(self):
        open_page("/timeline")
        self.assertTrue(DRIVER.find_elements(By.CSS_SELECTOR, "svg.chart rect"), "the timeline's bars")
        self.assertIn("McKenzie", DRIVER.find_element(By.TAG_NAME, "main").text)
        shot("timeline")
        DRIVER.find_element(By.CSS_SELECTOR, "svg.chart a").click()
        wait_for(lambda: "from=" in DRIVER.current_url, "a period's statements")
        self.assertTrue(DRIVER.find_elements(By.CSS_SELECTOR, ".statements li"))
        open_page("/network")
        wait_for(lambda: len(DRIVER.find_elements(By.CSS_SELECTOR, "#graph g.node")) >= 2, "the graph's nodes")
        wait_for(lambda: DRIVER.find_elements(By.CSS_SELECTOR, "#graph line.link"), "the graph's edges")
        wait_for(lambda: DRIVER.find_element(By.ID, "graph").get_attribute("data-settled") == "yes",
                 "the graph's layout to settle")
        shot("network")
        edge = DRIVER.find_element(By.CSS_SELECTOR, "table.edges td a[href^='/network/edge']")
        edge.click()
        wait_for(lambda: DRIVER.find_elements(By.CSS_SELECTOR, ".evidence li"), "the sentences that join two names")

    def test_5_a_dropped_in_document_appears_without_reload(self):
        open_page("/status")
        marker = DRIVER.execute_script("window.sameDocument = 'yes'; return window.sameDocument")
        self.assertEqual(marker, "yes")
        shot("status")
        wait_for(lambda: DRIVER.find_element(By.TAG_NAME, "body").get_attribute("data-following") == "yes",
                 "the page to follow changes")
        with open(os.path.join(SITE.root, "kandahar-brief.txt"), "w") as file:
            file.write("A brief on Kandahar and the Taliban's council.\n")
        wait_for(lambda: any("kandahar-brief.txt" in li.text
                             for li in DRIVER.find_elements(By.CSS_SELECTOR, "#changes li")),
                 "the new document in the list of changes")
        self.assertEqual(DRIVER.execute_script("return window.sameDocument"), "yes", "the page was not reloaded")

    def test_6_a_hostile_document_runs_no_script(self):
        open_page("/search?q=quetta")
        self.assertIsNone(DRIVER.execute_script("return window.pwned"))
        DRIVER.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
        wait_for(lambda: "/doc/" in DRIVER.current_url, "the hostile document's page")
        body = DRIVER.find_element(By.TAG_NAME, "body").text
        self.assertIn("<script>", body, "the markup shows as text")
        self.assertIn("</textarea>", body)
        self.assertIn("<svg onload=alert(1)>", body, "the file's name shows as text")
        self.assertIsNone(DRIVER.execute_script("return window.pwned"))
        self.assertNotEqual(DRIVER.title, "pwned")
        self.assertFalse(DRIVER.find_elements(By.CSS_SELECTOR, "main a[href^='javascript:']"))
        shot("hostile")

    def test_7_the_lock(self):
        status, _ = SITE.request("/", cookie=False)
        self.assertEqual(status, 401, "no token")
        status, _ = SITE.request(f"/?token={'0' * 64}", cookie=False)
        self.assertEqual(status, 401, "a wrong token")
        status, _ = SITE.request("/", host=f"attacker.example:{SITE.port}")
        self.assertEqual(status, 421, "a rebound host name")
        form = urllib.parse.urlencode({"action": "hide", "entity": "Taliban"})
        status, _ = SITE.request("/corrections", method="POST", body=form)
        self.assertEqual(status, 403, "a change without the form token")
        status, body = SITE.request("/entity/Taliban")
        self.assertEqual(status, 200, "the name is still there")
        status, _ = SITE.request("/corrections", method="POST", body=form + "&csrf=" + "0" * 64)
        self.assertEqual(status, 403, "a change with a wrong form token")

    def test_8_accessible_and_readable_on_a_phone(self):
        pages = ["/", "/search?q=taliban", "/ask?q=Who+leads+ISIS-K%3F", "/doc/000_8ce81ff0f6d118bf.txt",
                 "/entity/Taliban", "/entities", "/timeline", "/network", "/status", "/corrections"]
        problems = {}
        for path in pages:
            open_page(path)
            found = serious_violations()
            if found:
                problems[path] = found
        self.assertEqual(problems, {}, "serious accessibility problems")
        DRIVER.set_window_size(390, 844)
        try:
            for path, name in (("/doc/000_8ce81ff0f6d118bf.txt", "phone-document"), ("/search?q=taliban", "phone-search"),
                               ("/entity/Taliban", "phone-entity")):
                open_page(path)
                width = DRIVER.execute_script("return document.documentElement.scrollWidth")
                inner = DRIVER.execute_script("return window.innerWidth")
                self.assertLessEqual(width, inner + 1, f"{path} fits a phone's width")
                shot(name)
        finally:
            DRIVER.set_window_size(1280, 800)

    def test_9_the_daemon_down_says_so_and_comes_back(self):
        SITE.stop_daemon()
        open_page("/search?q=taliban")
        self.assertIn("not answering", DRIVER.find_element(By.TAG_NAME, "main").text)
        refresh = DRIVER.find_elements(By.CSS_SELECTOR, "meta[http-equiv='refresh']")
        self.assertTrue(refresh, "the page tries again")
        shot("daemon-down")
        SITE.start_daemon()
        wait_for(lambda: DRIVER.find_elements(By.CSS_SELECTOR, ".hit"), "the page to try again and find results",
                 seconds=60)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
