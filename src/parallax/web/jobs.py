"""Analyses for the web app: jobs kept in the SQLite store, run by supervised worker processes.

A job is queued in the store with everything it reads, so a restart forgets
nothing: a job that was running when the server stopped is queued again (once)
and a queued one simply waits. Each worker slot is a thread of the server that
owns one worker process (spawned fresh: forking a server that runs threads and
torch is not safe) and talks to it over a pipe. The slot, not the worker,
decides a job's fate:

- the worker reports progress (stage, articles parsed) and the report JSON;
- a worker that dies (an out-of-memory kill, a crash) fails its job with a
  reason and is replaced before the next job;
- a job over its time limit (counted from when the warm worker takes it),
  or cancelled, has its worker killed and replaced;
- a job that may be a runaway gets a spare worker warming up beside it, early
  enough (twice the last measured warm-up before the limit) that the jobs
  queued behind a runaway wait at most its limit, not also a cold start; the
  spare is dropped if the job ends normally.

Workers hold nothing on disk but their own temporary folder, removed on
shutdown; folders left by a server that was killed are removed at the next
start. A worker whose server is gone exits by itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from parallax.corpus.store import Store
from parallax.errors import InputError
from parallax.limits import HEARTBEAT_SECONDS, STALE_SECONDS, WARMUP_SECONDS, Limits

log = logging.getLogger("parallax.web")

RUN_PREFIX = "parallax-serve-"
LEGACY_UPLOAD_FOLDER = re.compile(r"parallax-[a-z0-9_]{8}$")  # the upload folders of earlier versions
LEGACY_UPLOAD = re.compile(r"\d{3}-[A-Za-z0-9._-]+$")
POLL_SECONDS = 0.25
MAX_ATTEMPTS = 2  # a job interrupted by a server stop runs once more, not forever


@dataclass(frozen=True)
class WorkerSettings:
    db: str
    allow_private: bool
    max_bytes: int
    run_dir: str


# --------------------------------------------------------------------------- the worker process


def worker_main(conn: Connection, parent_pid: int, settings: WorkerSettings) -> None:
    """The worker: warm up once, then run one job at a time for its slot."""
    began = time.time()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the server decides
    os.environ["TMPDIR"] = settings.run_dir
    tempfile.tempdir = settings.run_dir
    _exit_with_parent(parent_pid)
    from parallax.embed import available
    from parallax.nlp import get_nlp

    get_nlp()
    conn.send(("ready",))
    # the sentence-embedding model loads now, before the first job is read: usually while the worker
    # waits for work (a spare warms fully), at worst at the start of a job that arrives at once
    available()
    conn.send(("warm", time.time() - began))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        kind, job = message[1], message[2]
        conn.send(("started",))  # the job's time limit counts from here, not from the warm-up

        def progress(stage: str, done: int, total: int) -> None:
            conn.send(("progress", stage, done, total))

        try:
            conn.send(("done", *run_job(kind, job, settings, progress)))
        except (JobError, InputError) as error:
            conn.send(("failed", web_message(str(error))[:500]))
        except Exception as error:  # a bug, not the input: the traceback goes to the server log
            log.exception("analysis failed")
            conn.send(("failed", f"the analysis failed ({type(error).__name__}); the server log has the details"))


def _exit_with_parent(parent_pid: int) -> None:
    """A worker never outlives its server, even one killed with SIGKILL."""

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(0)
            time.sleep(1.0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def run_job(kind: str, job: dict, settings: WorkerSettings, progress) -> tuple[str, str | None]:
    """(report JSON, report key or None) for one job."""
    from parallax.api import report_for
    from parallax.read import ReadOptions
    from parallax.read.sources import read_submission

    if kind == "report":
        from parallax.corpus.service import build_story_report

        with Store(settings.db) as store:
            built = build_story_report(store, job["story_id"], progress)
        if built is None:
            raise JobError("this story has no articles any more")
        report, key = built
        return report.to_json(indent=None), key
    progress("reading", 0, 0)
    options = ReadOptions(allow_private=settings.allow_private, max_bytes=settings.max_bytes)
    result = read_submission(job["files"], job["records"], job["urls"], options)
    if not result.articles:
        raise JobError("; ".join(f"{f.origin}: {f.problem}" for f in result.failures) or "no article text found")
    report = report_for(result, n_process=1, progress=progress)  # the worker is the unit of parallelism
    report.warnings = [web_message(w) for w in report.warnings]
    return report.to_json(indent=None), None


_FLAG_HINT = re.compile(r"\s*\((?:[^()]*?\s)?--[a-z][a-z-]*(?:\s[^()]*)?\)")


def web_message(text: str) -> str:
    """A reader's message for a browser: no command-line flags ("(--max-bytes)")."""
    return _FLAG_HINT.sub("", text)


# --------------------------------------------------------------------------- the supervisor (in the server)


class JobError(Exception):
    """A job that cannot be done, with the message for its user."""


class WorkerGone(Exception):
    """The worker process died or stopped answering."""


class Worker:
    """One worker process and its pipe."""

    def __init__(self, settings: WorkerSettings):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, os.getpid(), settings), daemon=True,
                                       name="parallax-worker")
        self.process.start()
        child.close()
        self.ready = False
        self.busy = False
        self.spawned = time.time()
        self.warmup_seconds: float | None = None  # how long the worker took to load its models

    def wait_ready(self, stop: threading.Event, timeout: float = WARMUP_SECONDS) -> bool:
        deadline = time.time() + timeout
        while not self.ready and time.time() < deadline and not stop.is_set():
            message = self.receive(POLL_SECONDS)
            if message and message[0] == "ready":
                self.ready = True
        return self.ready

    def receive(self, timeout: float):
        """The next message (None after ``timeout``); the worker's 'warm' note is taken here."""
        message = self._receive(timeout)
        if message is not None and message[0] == "warm":
            self.warmup_seconds = message[1]
            return None
        return message

    def _receive(self, timeout: float):
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerGone(self.exit_reason()) from exc
        if not self.process.is_alive():
            raise WorkerGone(self.exit_reason())
        return None

    def send(self, message) -> None:
        try:
            self.conn.send(message)
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(self.exit_reason()) from exc

    def exit_reason(self) -> str:
        self.process.join(timeout=2)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
            hint = " (out of memory?)" if -code == signal.SIGKILL else ""
            return f"the analysis worker was stopped by {name}{hint}"
        return f"the analysis worker stopped unexpectedly (exit code {code})"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to exit (so it cleans up after itself); kill a busy or deaf one."""
        if not self.busy and self.ready and self.process.is_alive():
            try:
                self.conn.send(("stop",))
                self.process.join(timeout=5)
            except OSError:
                pass
        self.kill()


class JobRunner:
    """Worker slots that take queued jobs from the store, one job per slot at a time."""

    def __init__(self, db: str | Path, limits: Limits, workers: int = 1, allow_private: bool = False):
        self.db, self.limits, self.slots = str(db), limits, workers
        # host:pid:token, so a later server that happens to get the same pid is not mistaken for this one
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.run_dir = ""
        self.allow_private = allow_private
        self.stopping = threading.Event()
        self.wakeup = threading.Condition()
        self.threads: list[threading.Thread] = []
        self.workers: dict[int, Worker] = {}
        self.spares: dict[int, Worker] = {}
        self.warmup_seconds = 30.0  # until a worker has been measured
        self.lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        clean_stale_run_dirs()
        self.run_dir = tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-")
        with Store(self.db) as store:
            recover_jobs(store, self.owner)
        self.settings = WorkerSettings(self.db, self.allow_private, self.limits.max_file_bytes, self.run_dir)
        for slot in range(self.slots):
            thread = threading.Thread(target=self._slot, args=(slot,), daemon=True, name=f"parallax-slot-{slot}")
            thread.start()
            self.threads.append(thread)

    def stop(self) -> None:
        """Stop every worker now; a job they were running is queued again for the next start."""
        self.stopping.set()
        self.wake()
        with self.lock:
            workers = list(self.workers.values()) + list(self.spares.values())
        for worker in workers:
            worker.stop()
        for thread in self.threads:
            thread.join(timeout=15)
        if self.run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def wake(self) -> None:
        with self.wakeup:
            self.wakeup.notify_all()

    def worker_pids(self) -> list[int]:
        with self.lock:
            return [w.process.pid for w in self.workers.values() if w.process.is_alive()]

    # ------------------------------------------------------------------ one slot

    def _worker(self, slot: int) -> Worker | None:
        with self.lock:
            worker = self.workers.get(slot)
        if worker is not None and worker.process.is_alive():
            return worker
        if worker is not None:
            worker.kill()
        with self.lock:
            spare = self.spares.pop(slot, None)
        worker = spare if spare is not None and spare.process.is_alive() else Worker(self.settings)
        with self.lock:
            self.workers[slot] = worker
        if self.stopping.is_set():
            worker.kill()
        try:
            return worker if worker.wait_ready(self.stopping) else None
        except WorkerGone as gone:
            if not self.stopping.is_set():
                log.error("worker did not start: %s", gone)
                time.sleep(1)
            return None

    def _slot(self, slot: int) -> None:
        store = Store(self.db)
        last_recovery = time.time()
        try:
            while not self.stopping.is_set():
                job = None
                try:
                    worker = self._worker(slot)  # warm before a job is taken: start-up is not the job's time
                    if worker is None:
                        continue
                    job = store.claim_job(self.owner)
                    if job is None:
                        if time.time() - last_recovery > STALE_SECONDS / 2:
                            recover_jobs(store, self.owner)
                            last_recovery = time.time()
                        with self.wakeup:
                            self.wakeup.wait(timeout=1.0)
                        continue
                    self._run(store, slot, worker, job)
                except Exception:  # a busy or failing store: the slot lives on
                    log.exception("worker slot %d", slot)
                    if job is not None:
                        try:
                            store.finish_job(job["id"], "failed", error="the server could not run this analysis; its log has the details")
                        except Exception:
                            pass  # left running: recovered after a restart
                    time.sleep(1.0)
        finally:
            store.close()

    def _drop_spare(self, slot: int) -> None:
        with self.lock:
            spare = self.spares.pop(slot, None)
        if spare is not None:
            spare.stop()

    def _run(self, store: Store, slot: int, worker: Worker, job: dict) -> None:
        payload = {"story_id": job["story_id"], "urls": job["urls"]}
        if job["kind"] == "analyse":
            payload["files"], payload["records"] = store.job_inputs(job["id"])
        started = None  # set when the worker, warm, takes the job: its time limit counts from then
        warmup_deadline = time.time() + WARMUP_SECONDS
        next_beat = 0.0
        worker.busy = True
        try:
            worker.receive(0)  # an idle worker's note of its warm-up time, if it is waiting
            worker.send(("job", job["kind"], payload))
            while True:
                message = worker.receive(POLL_SECONDS)
                if worker.warmup_seconds:
                    self.warmup_seconds = worker.warmup_seconds
                if message is not None and message[0] == "started":
                    started = time.time()
                elif message is not None and message[0] == "progress":
                    store.job_progress(job["id"], *message[1:])
                elif message is not None:
                    worker.busy = False
                    self._drop_spare(slot)
                    if message[0] == "done":
                        self._finish(store, job, message[1], message[2])
                    else:
                        store.finish_job(job["id"], "failed", error=message[1])
                    return
                if self.stopping.is_set():
                    worker.kill()
                    store.requeue_job(job["id"], "waiting: the server stopped while this ran; it runs again after a restart")
                    return
                # a spare starts early enough to be warm (twice its warm-up) when the limit is reached
                spare_after = (started or time.time()) + max(0.0, job["time_limit"] - 2 * self.warmup_seconds)
                if time.time() > spare_after and slot not in self.spares:
                    with self.lock:
                        self.spares[slot] = Worker(self.settings)
                if time.time() >= next_beat:
                    next_beat = time.time() + HEARTBEAT_SECONDS
                    if store.job_heartbeat(job["id"]):
                        worker.kill()
                        store.finish_job(job["id"], "cancelled", error="cancelled while it ran")
                        return
                if started is None and time.time() > warmup_deadline:
                    worker.kill()
                    store.finish_job(job["id"], "failed", error="the analysis worker did not start in time; try again")
                    return
                if started is not None and time.time() > started + job["time_limit"]:
                    worker.kill()
                    store.finish_job(job["id"], "failed",
                                     error=f"stopped: the analysis took longer than its {job['time_limit']:g}-second limit")
                    return
        except WorkerGone as gone:
            if self.stopping.is_set():
                store.requeue_job(job["id"], "waiting: the server stopped while this ran; it runs again after a restart")
            else:
                log.error("job %s: %s", job["id"], gone)
                store.finish_job(job["id"], "failed", error=f"{gone}; the analysis was lost, try again with fewer or shorter articles")

    def _finish(self, store: Store, job: dict, report_json: str, key: str | None) -> None:
        from parallax.corpus.service import save_submission
        from parallax.model import StoryReport

        report = StoryReport.model_validate_json(report_json)
        try:
            if job["kind"] == "report":
                story_id = job["story_id"]
                store.save_report(story_id, report_json, key)
            else:
                story_id = save_submission(store, report)
        except Exception as error:  # a store that cannot be written: the job says so, the server goes on
            log.exception("could not store the report")
            store.finish_job(job["id"], "failed", error=f"the report could not be stored ({type(error).__name__})")
            return
        store.finish_job(job["id"], "done", story_id=story_id, warnings=report.warnings, articles=len(report.articles))


# --------------------------------------------------------------------------- restart and clean-up


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_jobs(store: Store, owner: str) -> int:
    """Queue again (once) the running jobs whose server is gone; fail those interrupted twice.

    A job's server is gone when it ran on this host under a process that no
    longer exists (or under this process before a restart gave it the same
    pid), or when it has not written a heartbeat for STALE_SECONDS (another host)."""
    host, pid, _ = owner.split(":")
    recovered = 0
    for job in store.running_jobs():
        if job["owner"] == owner:
            continue
        job_host, job_pid, _ = ((job["owner"] or "") + "::").split(":")[:3]
        gone_here = job_host == host and job_pid.isdigit() and (job_pid == pid or not _alive(int(job_pid)))
        silent = time.time() - (job["heartbeat"] or 0) > STALE_SECONDS
        if not (gone_here or silent):
            continue
        if job["attempts"] >= MAX_ATTEMPTS:
            store.finish_job(job["id"], "failed", error="the server stopped twice while this analysis ran")
        else:
            store.requeue_job(job["id"], "waiting: the server stopped while this ran; it runs again now")
        recovered += 1
    return recovered


def clean_stale_run_dirs(root: str | None = None, legacy_age: float = 3600) -> list[str]:
    """Remove the temporary folders of servers that are gone (and old upload folders of earlier versions)."""
    root = root or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.is_dir(follow_symlinks=False):
            continue
        stale = False
        if entry.name.startswith(RUN_PREFIX):
            pid = entry.name[len(RUN_PREFIX):].split("-", 1)[0]
            stale = pid.isdigit() and not _alive(int(pid))
        elif LEGACY_UPLOAD_FOLDER.match(entry.name):
            try:
                old = time.time() - entry.stat(follow_symlinks=False).st_mtime > legacy_age
                # only what earlier versions wrote there: files named 000-name
                stale = old and all(LEGACY_UPLOAD.match(name) for name in os.listdir(entry.path))
            except OSError:
                stale = False
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
    return removed
