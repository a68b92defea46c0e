"""installer/build --check: the bundle and the .deb proven as a user meets them.

    python installer/check_bundle.py --bundle dist/cedre-desk --deb dist/cedre-desk_*.deb \
        --screenshot docs/img/bundle-dashboard.png

From the bundle alone (a bare PATH, no virtual environment, no PYTHONPATH, a home of its own):
--version, about (the build date is there), a new register, a demo register, check, due, every
export (register .xlsx, audit report .pdf, calendar .xlsx/.pdf/.ics, figures .xlsx/.pdf), the
window under Xvfb until the dashboard is on screen (kept as a screenshot). Then the .deb:
installed with dpkg, its launchers run (the command line, the window), removed and purged, and
nothing of it left but the user's data (the register and its backups). Needs root or
password-less sudo for dpkg, and Xvfb. Standard library only: any Python 3.11 runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screen import VirtualScreen

COMMAND_TIMEOUT = 300


class CheckFailed(Exception):
    pass


def step(text: str) -> None:
    print(f"-- {text}", flush=True)


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user's session gives a program: no virtual environment, no Python paths."""
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "XDG_RUNTIME_DIR": str(home / "runtime")}
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(extra)
    return env


def run(command: Sequence[str | Path], env: dict[str, str]) -> str:
    result = subprocess.run([str(c) for c in command], env=env, capture_output=True,
                            text=True, timeout=COMMAND_TIMEOUT, check=False)
    if result.returncode != 0:
        raise CheckFailed(f"{' '.join(map(str, command))} exited {result.returncode}\n"
                          f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def check_file(path: Path, kind: str) -> None:
    expect(path.is_file() and path.stat().st_size > 0, f"{path} was not written")
    data = path.read_bytes()
    if kind == "xlsx":
        with zipfile.ZipFile(path) as workbook:
            expect("xl/workbook.xml" in workbook.namelist(), f"{path} is not a workbook")
    elif kind == "pdf":
        expect(data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], f"{path} is not a PDF")
    elif kind == "ics":
        text = data.decode("utf-8")
        expect(text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text
               and text.rstrip().endswith("END:VCALENDAR"), f"{path} is not a calendar")


def busiest_audit(register: Path) -> int:
    with sqlite3.connect(f"file:{register}?mode=ro", uri=True) as db:
        row = db.execute("SELECT audit_id FROM finding GROUP BY audit_id "
                         "ORDER BY count(*) DESC, audit_id LIMIT 1").fetchone()
    expect(row is not None, f"{register} holds no audit with findings")
    return int(row[0])


def check_command_line(cli: Path, work: Path, env: dict[str, str]) -> Path:
    """Every command a user runs, from the bundle; returns the demo register."""
    step("--version, about")
    version = run([cli, "--version"], env).strip()
    expect(version.startswith("cedre-desk "), f"--version said {version!r}")
    facts = json.loads(run([cli, "about", "--format", "json"], env))
    expect(facts["built"] is not None, "the bundle does not know its build date")
    expect(Path(facts["logs"]) == Path(env["CEDRE_DESK_HOME"]) / "logs",
           f"crash logs would go to {facts['logs']}, not the data folder")
    print(f"   {version}, built {facts['built']}, Python {facts['python']}")

    step("a new register, checked")
    empty = work / "nouveau.sqlite"
    listed = [line.split()[0] for line in run([cli, "--help"], env).splitlines()
              if line.startswith("    ") and line[4:5].strip()]  # not a wrapped line
    if "new" in listed:
        run([cli, "new", "--db", empty], env)
    else:  # before the `new` command existed, `demo` made the register
        run([cli, "demo", "--db", empty, "--companies", "1"], env)
    run([cli, "check", "--db", empty], env)

    step("a demo register (530 companies), check, due")
    demo = work / "demo.sqlite"
    run([cli, "demo", "--db", demo, "--companies", "530", "--seed", "1"], env)
    run([cli, "check", "--db", demo], env)
    expect("échéance" in run([cli, "due", "--db", demo, "--within", "90"], env),
           "due printed no table")
    rows = json.loads(run([cli, "due", "--db", demo, "--format", "json"], env))
    expect(len(rows) > 0 and {"company", "due", "event"} <= rows[0].keys(),
           "due --format json gave no rows")

    step("every export")
    year = str(date.today().year - 1)  # noqa: DTZ011 - the demo is written for today
    exports = [
        (["register"], "registre.xlsx", "xlsx"),
        (["report", "--audit", str(busiest_audit(demo))], "rapport.pdf", "pdf"),
        (["calendar"], "echeances.xlsx", "xlsx"),
        (["calendar"], "echeances.pdf", "pdf"),
        (["calendar"], "echeances.ics", "ics"),
        (["stats", "--year", year], "chiffres.xlsx", "xlsx"),
        (["stats", "--year", year], "chiffres.pdf", "pdf"),
    ]
    for arguments, name, kind in exports:
        out = work / "exports" / name
        out.parent.mkdir(exist_ok=True)
        run([cli, "export", arguments[0], "--db", demo, *arguments[1:], "-o", out], env)
        check_file(out, kind)
        print(f"   {name}: {out.stat().st_size} bytes")
    return demo


def check_window(program: Path, arguments: Sequence[str | Path], env: dict[str, str],
                 screenshot: Path | None) -> None:
    """The window on a virtual screen until what it shows stops changing; it must still be
    running then (no crash, no refusal), with no crash log written."""
    with VirtualScreen(1280, 800) as screen:
        window_env = dict(env, DISPLAY=screen.display)
        log = Path(env["HOME"]) / "window.log"
        with log.open("w") as output:
            process = subprocess.Popen([str(program), *map(str, arguments)], env=window_env,
                                       stdout=output, stderr=subprocess.STDOUT)
        try:
            image = screen.wait_until_still(process, seconds=3.0, timeout=120)
            expect(process.poll() is None,
                   f"the window exited {process.returncode}:\n{log.read_text()[-3000:]}")
            expect(image.colours() > 50, "the screen shows nothing")
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                image.save_png(screenshot)
                print(f"   screenshot: {screenshot}")
        finally:
            process.terminate()
            process.wait(timeout=30)
    logs = Path(env.get("CEDRE_DESK_HOME", Path(env["HOME"]) / ".local/share/cedre-desk"))
    crashes = list((logs / "logs").glob("crash-*.log"))
    expect(not crashes, f"the window wrote a crash log: {crashes}")
    expect("Traceback" not in log.read_text(), f"the window printed a traceback:\n"
           f"{log.read_text()[-3000:]}")


def dpkg(*arguments: str) -> str:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    return run([*sudo, "dpkg", *arguments], dict(os.environ))


def installed_state() -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "cedre-desk"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


PACKAGE_PATHS = (
    Path("/opt/cedre-desk"),
    Path("/usr/bin/cedre-desk"),
    Path("/usr/bin/cedre-desk-cli"),
    Path("/usr/share/applications/cedre-desk.desktop"),
    Path("/usr/share/icons/hicolor/scalable/apps/cedre-desk.svg"),
    Path("/usr/share/icons/hicolor/48x48/apps/cedre-desk.png"),
    Path("/usr/share/doc/cedre-desk"),
)


def check_package(deb: Path, work: Path) -> None:
    expect("installed" not in installed_state(),
           "cedre-desk is installed on this machine and --check would replace then remove "
           "it: remove it first (dpkg -r cedre-desk)")
    step(f"dpkg -i {deb.name}")
    dpkg("-i", str(deb))
    try:
        for path in PACKAGE_PATHS:
            expect(path.exists(), f"{path} was not installed")
        validate = shutil.which("desktop-file-validate")
        if validate:
            run([validate, "/usr/share/applications/cedre-desk.desktop"], dict(os.environ))
        home = work / "user"
        env = bare_env(home)  # the real default data folder, in this user's home
        step("the installed launchers")
        expect(run(["cedre-desk-cli", "--version"], env).startswith("cedre-desk "),
               "the installed cedre-desk-cli does not run")
        run(["cedre-desk-cli", "demo", "--companies", "20"], env)
        run(["cedre-desk-cli", "backup"], env)
        check_window(Path("/usr/bin/cedre-desk"), [], env, None)
        facts = json.loads(run(["cedre-desk-cli", "about", "--format", "json"], env))
    finally:
        step("dpkg -r, dpkg -P")
        dpkg("-r", "cedre-desk")
        dpkg("-P", "cedre-desk")
    expect(installed_state() == "", f"dpkg still knows cedre-desk: {installed_state()}")
    left = [str(path) for path in PACKAGE_PATHS if path.exists() or path.is_symlink()]
    expect(not left, f"left after the package was purged: {left}")
    register, backups = Path(facts["register"]), Path(facts["backups"])
    expect(register.is_file(), f"the user's register {register} went with the package")
    expect(any(backups.glob("*.sqlite")), f"the user's backups {backups} went with the package")
    with sqlite3.connect(f"file:{register}?mode=ro", uri=True) as db:
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
    expect(verdict == "ok", f"the user's register after removal: {verdict}")
    print(f"   kept: {register} and {backups}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, required=True)
    parser.add_argument("--deb", type=Path, required=True)
    parser.add_argument("--screenshot", type=Path, default=None)
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="cedre-desk-check-"))
    try:
        home = work / "home"
        env = bare_env(home, CEDRE_DESK_HOME=str(home / "data"))
        demo = check_command_line(args.bundle.resolve() / "cedre-desk-cli", work, env)
        step("the window on the demo register, under Xvfb")
        check_window(args.bundle.resolve() / "cedre-desk", ["--db", demo, "--lang", "fr"],
                     env, args.screenshot)
        check_package(args.deb.resolve(), work)
    except (CheckFailed, subprocess.TimeoutExpired) as failure:
        print(f"CHECK FAILED: {failure}", file=sys.stderr)
        print(f"(files kept in {work})", file=sys.stderr)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"bundle and package checked in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
