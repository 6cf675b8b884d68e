"""A small Varlink client and a dossierd runner, shared by the project's benchmark and evaluation
scripts (Scripts/bench, Scripts/eval-web, Scripts/eval-names, Scripts/eval-answers)."""
import json
import os
import signal
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class VarlinkError(RuntimeError):
    def __init__(self, method, error, parameters):
        super().__init__(f"{method}: {error} {parameters}")
        self.error = error
        self.parameters = parameters


class Varlink:
    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.connect(path)
        self.buffer = b""

    def call(self, method, **parameters):
        self.socket.sendall(json.dumps({"method": method, "parameters": parameters}).encode() + b"\0")
        while b"\0" not in self.buffer:
            chunk = self.socket.recv(1 << 20)
            if not chunk:
                raise RuntimeError("connection closed")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        reply = json.loads(message)
        if "error" in reply:
            raise VarlinkError(method, reply["error"], reply.get("parameters"))
        return reply["parameters"]


def takes_cache_dir(binary, known={}):
    """Whether `binary` has the --cache-dir flag."""
    if binary not in known:
        output = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
        known[binary] = "--cache-dir" in output
    return known[binary]


def cache_bytes(work):
    """The size of the cache files of a daemon started on `work`, wherever its version keeps them."""
    total = 0
    for folder in ("cache", "state"):
        path = os.path.join(work, folder)
        if os.path.isdir(path):
            total += sum(os.path.getsize(os.path.join(path, name)) for name in os.listdir(path)
                         if name.startswith("cache.sqlite"))
    return total


class Daemon:
    """dossierd on `root`, with its cache and socket in `work`; stop() ends it."""

    def __init__(self, binary, root, work, log_level="warning", prefix=(), arguments=()):
        """`prefix` runs the daemon through another command, such as `taskset -c 0`; `arguments`
        are more of the daemon's flags."""
        os.makedirs(work, exist_ok=True)
        self.socket_path = os.path.join(work, "io.dossier")
        self.log = open(os.path.join(work, "dossierd.log"), "ab")
        # An older dossierd (a baseline) kept its cache in the state directory.
        cache = ["--cache-dir", os.path.join(work, "cache")] if takes_cache_dir(binary) else []
        self.process = subprocess.Popen(
            [*prefix, binary, "--root", root, "--state-dir", os.path.join(work, "state"), *cache,
             "--socket", self.socket_path, "--log-level", log_level, *arguments],
            stdout=self.log, stderr=self.log)
        self.client = None

    def wait_ready(self, timeout=600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("dossierd exited")
            try:
                if self.client is None:
                    self.client = Varlink(self.socket_path)
                status = self.client.call("io.dossier.Status")["status"]
                if status["initialScanComplete"]:
                    return status
            except (OSError, RuntimeError):
                self.client = None
            time.sleep(0.002)
        raise RuntimeError("dossierd did not become ready")

    def wait_idle(self, documents, timeout=600):
        """Waits until `documents` files are in the cache (indexed or not) and nothing is pending."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status()
            seen = status["documents"] + status["failed"] + status["unsupported"]
            if seen >= documents and status["pending"] == 0:
                return status
            time.sleep(0.02)
        raise RuntimeError("dossierd did not finish processing")

    def status(self):
        return self.client.call("io.dossier.Status")["status"]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def build(configuration="debug", products=("dossierd",)):
    """Builds the products and returns the folder that holds them."""
    for product in products:
        subprocess.run(["swift", "build", "-c", configuration, "--product", product], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return subprocess.run(["swift", "build", "-c", configuration, "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


def document_text(document):
    """The text of a GetDocument reply as dossier keeps it: headings and paragraphs, in order."""
    parts = []
    for section in document.get("sections", []):
        if section.get("heading"):
            parts.append(section["heading"])
        parts.extend(section.get("paragraphs", []))
    return "\n\n".join(parts)
