"""Certificates through the real django-q2 cluster, against bare reportlab as the floor.

    .venv/bin/python bench/certificates.py [N] [--batch] [--deadline SECONDS] [--keep]

Full path: a fresh SQLite file (bench/bench-certificates.sqlite3, or BENCH_DB), migrated;
`manage.py qcluster` started as a subprocess with bench.settings and Q_WORKERS=2 (ORM
broker) and warmed up with one certificate; one learner is then granted N distinct
achievements through `certificate_request`, each committed on its own as course completions
are, so each commit enqueues its job (--batch: one bulk issuance, `certificate_batch_issue`,
which enqueues one job per 25 certificates at its commit);
the clock runs from the first request until every certificate is `issued` (or the
deadline passes), then the cluster is stopped.

Floor: the PDF of one of those certificates rendered N times with `certificate_pdf_render`
(reportlab only: no database, no queue, no storage), one process per core, measured before
the full path (the warm-up certificate's PDF) and after it, and averaged: the machine's
speed drifts (the floor alone moved by half between runs on one day).

Prints certificates per second for both, the ratio (target: full path >= 60 % of the
floor) and the median PDF size, and CPU time per certificate for both, which unlike
wall-clock time does not depend on what else the machine is running: the cluster's CPU
while the clock runs (as the floor's, whose processes start before its clock) and this
script's CPU while it requests (not while it polls for the issued count, which is the
benchmark watching; printed apart), and, for
comparison, with the cluster's start-up (Django's set-up, about 3 s of CPU) included. PDFs go to a
temporary directory. BENCH_SETTINGS names a variant of bench.settings to compare. The ORM broker
by default; with REDIS_URL set (e.g. redis://127.0.0.1:6379/0) django-q2 uses Redis.
Not a test.
"""

import argparse
import multiprocessing
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-certificates-"))
# BENCH_SETTINGS: try a variant of bench.settings (e.g. other Q_CLUSTER options).
os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS", "bench.settings")
os.environ.setdefault("BENCH_DB", str(ROOT / "bench" / "bench-certificates.sqlite3"))
os.environ["PRIVATE_MEDIA_ROOT"] = str(WORKDIR / "private")
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")
os.environ["Q_WORKERS"] = os.environ.get("Q_WORKERS", "2")
# The ORM broker, as in the default deployment; REDIS_URL=redis://… measures Redis instead.

import logging  # noqa: E402

import django  # noqa: E402

if not os.environ.get("DATABASE_URL"):
    # A fresh file each run, so runs compare.
    for suffix in ("", "-wal", "-shm"):
        Path(os.environ["BENCH_DB"] + suffix).unlink(missing_ok=True)

django.setup()
logging.getLogger("django-q").setLevel(logging.WARNING)  # not one line per enqueued job

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from accounts.models import User  # noqa: E402
from certificates.models import Certificate, CertificateTemplate  # noqa: E402
from certificates.pdf import certificate_pdf_render  # noqa: E402
from certificates.rendering import CertificatePdfData  # noqa: E402
from certificates.services import (  # noqa: E402
    AchievementSnapshot,
    CertificateRequest,
    certificate_batch_issue,
    certificate_request,
)

ISSUED = "issued"


def setup_database() -> tuple[User, CertificateTemplate]:
    call_command("migrate", verbosity=0, interactive=False)
    learner = User.objects.create_user(email="bench@example.org", password=None,
                                       first_name="Ağca", last_name="Łukasz-Ștefănescu")
    template = CertificateTemplate.objects.create(
        name="Bench", kind="course", language="de", title="Zertifikat",
        issuer_name="Thüringer Landesrechenzentrum", signatory_1_name="Dr. Jörg Weiß",
        signatory_1_function="Präsident", signatory_2_name="Maria Şahin",
        signatory_2_function="Kursleitung")
    return learner, template


def snapshot(index: int) -> AchievementSnapshot:
    return AchievementSnapshot(
        recipient_name="Ağca Łukasz-Ștefănescu Éloïse",
        title=f"Grundlagen der Informationssicherheit in der Landesverwaltung, Teil {index}",
        completed_on=date(2026, 3, 2), content_version="2026.1", hours=Decimal("6.5"))


def request(learner: User, template: CertificateTemplate, keys: range, *, batch: bool
            ) -> None:
    """Request one certificate per key.

    By default each request commits on its own, as course completions do, so its job is
    enqueued at once; with batch=True they are one bulk issuance (chunked jobs).
    """
    if batch:
        certificate_batch_issue(requests=[
            CertificateRequest(recipient=learner, kind="course", achievement_key=f"bench:{index}",
                               snapshot=snapshot(index), template=template) for index in keys],
            actor=None, label="Bench")
        return
    for index in keys:
        certificate_request(recipient=learner, kind="course", achievement_key=f"bench:{index}",
                            snapshot=snapshot(index), template=template)


def cluster_start() -> subprocess.Popen:
    log = (WORKDIR / "qcluster.log").open("wb")
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "qcluster"], cwd=ROOT, env=os.environ.copy(),
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def cluster_stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: only its children
            process.wait()


def wait_issued(count: int, deadline: float, cluster: subprocess.Popen) -> int:
    """Poll until `count` certificates are issued or the deadline passes; return how many."""
    issued = 0
    while time.monotonic() < deadline:
        issued = Certificate.objects.filter(status=ISSUED).count()
        if issued >= count:
            return issued
        if cluster.poll() is not None:
            raise SystemExit(f"qcluster stopped (exit {cluster.returncode}); see "
                             f"{WORKDIR / 'qcluster.log'}")
        time.sleep(0.05)  # the cluster works in other processes; polled until the deadline
    return issued


def _floor_worker(args: tuple[CertificatePdfData, int]) -> list[int]:
    data, count = args
    certificate_pdf_render(data=data)  # fonts loaded once, as in a warm worker
    return [len(certificate_pdf_render(data=data)) for _ in range(count)]


def group_cpu_seconds(group: int) -> float:
    """CPU time so far of the live processes in a process group, with their reaped
    children (a recycled worker counts in the process that waited for it)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[2]) == group:  # fields[0] is the state; pgrp is the third
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


def group_cpu_by_process(group: int) -> dict[str, float]:
    """CPU seconds so far of each live process of the group, by role: the cluster's
    process tree is main → sentinel → pusher, monitor and workers (without setproctitle
    their titles are all the same, so a role is named by its place: the busiest children
    of the sentinel are the workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            found[int(stat.parent.name)] = (int(fields[1]),
                                            sum(int(v) for v in fields[11:15]) / ticks)
    return {f"{pid} (parent {parent})": seconds for pid, (parent, seconds) in found.items()}


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def floor(data: CertificatePdfData, count: int) -> tuple[int, float, list[int]]:
    cores = os.cpu_count() or 1
    shares = [count // cores + (1 if i < count % cores else 0) for i in range(cores)]
    connections.close_all()  # nothing shared across fork
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        pool.map(_floor_worker, [(data, 1)] * cores)  # start the processes before timing
        started = time.perf_counter()
        sizes = [size for part in pool.map(_floor_worker, [(data, n) for n in shares])
                 for size in part]
        elapsed = time.perf_counter() - started
    return cores, elapsed, sizes


def floor_measured(data: CertificatePdfData, count: int) -> tuple[int, float, list[int], float]:
    """The floor once: (cores, seconds, PDF sizes, CPU seconds of its processes)."""
    children_before = cpu_seconds(resource.RUSAGE_CHILDREN)
    cores, elapsed, sizes = floor(data, count)
    return cores, elapsed, sizes, cpu_seconds(resource.RUSAGE_CHILDREN) - children_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, nargs="?", default=2000)
    parser.add_argument("--deadline", type=float, default=600,
                        help="seconds to wait for the cluster (default 600)")
    parser.add_argument("--batch", action="store_true",
                        help="one bulk issuance (25 certificates per job, enqueued at commit)")
    parser.add_argument("--keep", action="store_true", help="keep the PDFs and the log")
    args = parser.parse_args()
    count = args.count
    q = settings.Q_CLUSTER
    assert q["workers"] == int(os.environ["Q_WORKERS"]), q  # noqa: S101
    broker = "Redis" if "redis" in q else "ORM"
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
          f"{settings.DATABASES['default']['NAME']}; django-q2: {broker} broker, "
          f"{q['workers']} workers, poll {q.get('poll', 0.2)} s, bulk {q.get('bulk', 1)}")

    learner, template = setup_database()
    children_before = cpu_seconds(resource.RUSAGE_CHILDREN)
    cluster = cluster_start()
    try:
        # Warm-up: one certificate proves the cluster is up and its workers have imported
        # the renderer, so the clock below measures issuance, not start-up.
        request(learner, template, range(-1, 0), batch=False)
        if wait_issued(1, time.monotonic() + 120, cluster) < 1:
            raise SystemExit(f"the cluster issued nothing in 120 s; see {WORKDIR}")
        # The floor is measured before and after the full path (the machine's speed
        # drifts): here with the warm-up certificate, while the cluster waits for work.
        warm_up = Certificate.objects.select_related("template").get(
            achievement_key="bench:-1")
        floors = [floor_measured(warm_up.pdf_data(), count)]

        cluster_before = group_cpu_seconds(cluster.pid)  # start-up, warm-up, first floor
        roles_before = group_cpu_by_process(cluster.pid)
        started, self_before = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF)
        request(learner, template, range(count), batch=args.batch)
        requested = time.perf_counter() - started
        requester_cpu = cpu_seconds(resource.RUSAGE_SELF) - self_before
        issued = wait_issued(count + 1, time.monotonic() + args.deadline, cluster) - 1
        elapsed = time.perf_counter() - started
        # The polling above is the benchmark watching, not work of the platform.
        polling_cpu = cpu_seconds(resource.RUSAGE_SELF) - self_before - requester_cpu
        roles = {role: seconds - roles_before.get(role, 0)
                 for role, seconds in group_cpu_by_process(cluster.pid).items()}
    finally:
        cluster_stop(cluster)
    # Every process of the cluster, start-up included, once it has been reaped.
    # (less the first floor's processes, reaped before the cluster)
    cluster_cpu_all = cpu_seconds(resource.RUSAGE_CHILDREN) - children_before - floors[0][3]
    cluster_cpu = cluster_cpu_all - cluster_before

    failed = Certificate.objects.filter(status="failed").count()
    full_rate = issued / elapsed
    sizes = list(Certificate.objects.filter(status=ISSUED, achievement_key__startswith="bench:")
                 .exclude(achievement_key="bench:-1").values_list("pdf_size", flat=True))
    mode = "one bulk issuance, 25 per job" if args.batch else "one transaction each"
    print(f"full path: {issued} of {count} certificates issued in {elapsed:.2f} s "
          f"(requests, {mode}, and enqueueing took {requested:.2f} s of it), {failed} failed "
          f"= {full_rate:.1f} certificates/s")
    if issued < count:
        print(f"  deadline of {args.deadline:.0f} s passed before all were issued")

    sample = Certificate.objects.filter(status=ISSUED).exclude(
        achievement_key="bench:-1").select_related("template").first()
    floors.append(floor_measured(sample.pdf_data(), count))
    cores = floors[0][0]
    floor_sizes = [size for measured in floors for size in measured[2]]
    floor_elapsed = sum(measured[1] for measured in floors) / len(floors)
    floor_cpu = sum(measured[3] for measured in floors) / len(floors)
    floor_rate = count / floor_elapsed
    print(f"floor: {count} PDFs of one certificate, bare reportlab in {cores} processes, "
          f"before and after the full path: "
          + " and ".join(f"{measured[1]:.2f} s ({1000 * measured[3] / count:.1f} ms CPU "
                         f"per PDF)" for measured in floors)
          + f"; mean {floor_rate:.1f} certificates/s")
    print(f"ratio: full path / floor = {100 * full_rate / floor_rate:.0f} % (target >= 60 %)")
    # CPU time does not depend on what else the machine runs, so it compares across runs.
    per_cert = 1000 * (cluster_cpu + requester_cpu) / max(issued, 1)
    per_cert_all = 1000 * (cluster_cpu_all + requester_cpu) / max(issued, 1)
    per_pdf = 1000 * floor_cpu / count
    print(f"CPU per certificate: full path {per_cert:.1f} ms (cluster "
          f"{1000 * cluster_cpu / max(issued, 1):.1f} ms; requesting "
          f"{1000 * requester_cpu / max(issued, 1):.1f} ms), floor {per_pdf:.1f} ms "
          f"= {100 * per_pdf / per_cert:.0f} % (target >= 60 %)")
    print(f"  not counted: this script's polling for the issued count, "
          f"{1000 * polling_cpu / max(issued, 1):.1f} ms per certificate")
    print("  cluster CPU per certificate by process: " + ", ".join(
        f"{role} {1000 * seconds / max(issued, 1):.1f} ms"
        for role, seconds in sorted(roles.items(), key=lambda item: -item[1])))
    print(f"  with the cluster's start-up ({cluster_before:.1f} s CPU): full path "
          f"{per_cert_all:.1f} ms = {100 * per_pdf / per_cert_all:.0f} %; wall-clock per "
          f"core: full path {1000 * elapsed * cores / max(issued, 1):.1f} ms, floor "
          f"{1000 * floor_elapsed * cores / count:.1f} ms")
    print(f"median PDF size: issued {statistics.median(sizes or [0]) / 1024:.1f} KiB, "
          f"floor {statistics.median(floor_sizes) / 1024:.1f} KiB")
    if args.keep:
        print(f"PDFs and qcluster.log kept in {WORKDIR}")
    else:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
