"""The simulated users of bench/load.py: staff who read and write, respondents who answer a
survey through an open link. Each kind of request is named, so the figures come per kind.
FastHttpUser (geventhttpclient) keeps the load generator's own CPU low: it shares the two
cores with the server."""

import itertools
import json
import os
import re

from locust import FastHttpUser, between, task

PLAN = json.loads(open(os.environ["KOERS_BENCH_PLAN"]).read())
ACCOUNTS = itertools.cycle(PLAN["accounts"])
ADDRESSES = itertools.count(1)
ENTRY = re.compile(
    r'action="(?P<url>/trajecten/\d+/[\w-]+/vragen/(?P<q>[\w-]+)/)"[\s\S]*?name="version" value="(?P<v>\d+)"'
)
CHOICE = re.compile(r'name="(item-\d+)" value="([^"]+)"')


class _Koers(FastHttpUser):
    abstract = True
    wait_time = between(5, 15)
    forwarded_for = ""

    def _headers(self, **extra) -> dict:
        return {"X-Forwarded-For": self.forwarded_for, **extra} if self.forwarded_for else extra

    def _get(self, url, name, **kwargs):
        return self.client.get(url, name=name, headers=self._headers(), **kwargs)

    def _post(self, url, data, name, **headers):
        token = next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")
        headers = self._headers(Referer=self.host + url, **{"X-CSRFToken": token}, **headers)
        return self.client.post(
            url, data=data | {"csrfmiddlewaretoken": token}, name=name, headers=headers, allow_redirects=False
        )


class Staff(_Koers):
    weight = int(os.environ.get("KOERS_BENCH_STAFF", "200"))

    def on_start(self):
        self.account = next(ACCOUNTS)
        self._get("/account/login/", "login page")
        self._post("/account/login/", {"username": self.account["email"], "password": PLAN["password"]}, "log in")
        t, s = self.account["trajectory"], self.account["subphase"]
        self.trajectory, self.subphase = f"/trajecten/{t}/", f"/trajecten/{t}/{s}/"

    @task(3)
    def home(self):
        self._get("/", "home")

    @task(2)
    def trajectory(self):
        self._get(self.trajectory, "trajectory")

    @task(3)
    def subphase(self):
        self._get(self.subphase, "subphase")

    @task(1)
    def report(self):
        self._get(self.trajectory + "rapport/", "report")

    @task(2)
    def write(self):
        page = self._get(self.subphase, "subphase").text or ""
        own = next((m for m in ENTRY.finditer(page) if m["q"] == self.account["question"]), None)
        if own is not None:
            text = f"Tekst van {self.account['email']}, versie {int(own['v']) + 1}"
            self._post(own["url"], {"text": text, "version": own["v"]}, "save answer", **{"HX-Request": "true"})


class Respondent(_Koers):
    weight = int(os.environ.get("KOERS_BENCH_RESPONDENTS", "20"))

    def on_start(self):
        n = next(ADDRESSES)
        self.forwarded_for = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"  # each from its own network

    @task
    def answer_the_survey(self):
        self.client.cookiejar.clear()
        start = self._get(PLAN["open_link"], "survey start", allow_redirects=False)
        url = start.headers.get("Location", "") + "vraag/1/"
        while "/vraag/" in url:
            page = self._get(url, "survey page")
            if page.status_code != 200:
                return
            saved = self._post(url, dict(CHOICE.findall(page.text or "")), "survey save page")  # first option each
            url = saved.headers.get("Location", "")
            self.wait()
        if url.endswith("/versturen/"):
            self._post(url, {}, "survey submit")
