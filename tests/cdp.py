"""Headless Chromium driven over the DevTools protocol (aiohttp's WebSocket client): open a page,
evaluate JavaScript, collect console errors, exceptions and network requests, take screenshots and PDFs."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


def find_chromium() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    """One tab. Events are recorded: `console_errors`, `exceptions`, `requests` (URLs)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future] = {}
        self._events: dict[str, asyncio.Event] = {}
        self.console_errors: list[str] = []
        self.exceptions: list[str] = []
        self.requests: list[str] = []
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self._pending:
                self._pending.pop(data["id"]).set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                self.console_errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                self.console_errors.append(params["entry"]["text"])
            elif method == "Runtime.exceptionThrown":
                self.exceptions.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            if method in self._events:
                self._events[method].set()

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        msg_id = next(self._ids)
        fut = asyncio.get_running_loop().create_future()
        self._pending[msg_id] = fut
        await self.ws.send_str(json.dumps({"id": msg_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(fut, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def open(self, url: str) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            await self.send(f"{domain}.enable")
        loaded = self._events.setdefault("Page.loadEventFired", asyncio.Event())
        loaded.clear()
        await self.send("Page.navigate", url=url)
        await asyncio.wait_for(loaded.wait(), 30)

    async def eval(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    async def screenshot(self, path: Path) -> None:
        data = await self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    async def pdf(self) -> bytes:
        return base64.b64decode((await self.send("Page.printToPDF", printBackground=True))["data"])


class Chromium:
    """`async with Chromium() as page:` a fresh headless browser with one page, offline."""

    def __init__(self, binary: str | None = None, width: int = 1280, height: int = 1600) -> None:
        self.binary = binary or find_chromium()
        self.size = (width, height)

    async def __aenter__(self) -> Page:
        self.profile = tempfile.mkdtemp(prefix="hds-chromium-")
        cmd = [self.binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-dev-shm-usage", "--disable-extensions", "--remote-debugging-port=0",
               f"--user-data-dir={self.profile}", f"--window-size={self.size[0]},{self.size[1]}", "about:blank"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "HOME": self.profile})
        deadline, endpoint = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            line = await asyncio.to_thread(self.proc.stderr.readline)
            if not line and self.proc.poll() is not None:
                break
            m = _LISTENING.search(line)
            if m:
                endpoint = m.group(1)
                break
        if endpoint is None:
            self._stop()
            raise RuntimeError("chromium did not start (no DevTools endpoint)")
        asyncio.ensure_future(asyncio.to_thread(self.proc.stderr.read))  # keep its pipe drained
        port = endpoint.split(":")[2].split("/")[0]
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"http://127.0.0.1:{port}/json/list") as resp:
            targets = await resp.json(content_type=None)
        page_ws = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        self.ws = await self.session.ws_connect(page_ws, max_msg_size=0)
        self.page = Page(self.ws)
        return self.page

    async def __aexit__(self, *exc: Any) -> None:
        self.page._reader.cancel()
        await self.ws.close()
        await self.session.close()
        self._stop()

    def _stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
