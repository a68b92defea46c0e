"""What the About box and `cedre-desk-cli about` tell: the build date a bundle carries
("development" from source) and where the register, its backups and the logs are."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cedre_desk import __version__, about
from cedre_desk.__main__ import main


def test_from_source_there_is_no_build_date_and_it_says_development(register_path):
    assert not about.BUILD_INFO.exists(), "build-info.json is written into bundles only"
    facts = about.about_facts(register_path)
    assert facts.built is None
    assert facts.built_text("en") == "development"
    assert facts.built_text("fr") == "développement"


def test_a_bundle_reads_its_build_date(tmp_path):
    info = tmp_path / "build-info.json"
    info.write_text(json.dumps({"version": __version__, "built": "2026-12-03T08:23:46+00:00"}))
    built = about.build_date(info)
    assert built == datetime(2026, 12, 3, 8, 23, 46, tzinfo=UTC)
    facts = about.AboutFacts(__version__, built, "3.11", "Linux", tmp_path, None, None,
                             tmp_path / "logs")
    assert facts.built_text("fr") == "03/12/2026 08:23 UTC"


@pytest.mark.parametrize("content", ["", "{", '{"built": "yesterday"}', '{"other": 1}',
                                     '{"built": "2026-12-03T08:23:46"}', "[]"])
def test_an_unreadable_build_info_is_no_build_date(tmp_path, content):
    info = tmp_path / "build-info.json"
    info.write_text(content)
    assert about.build_date(info) is None


def test_paths_are_the_register_its_backups_and_the_data_folders_logs(register_path,
                                                                      private_home):
    facts = about.about_facts(register_path)
    assert facts.register == register_path
    assert facts.backups == register_path.parent / f"{register_path.name}.backups"
    assert facts.logs == private_home / "logs"
    assert facts.data == private_home
    assert about.about_facts(None).backups is None  # a register on a server


def test_the_about_command_in_both_languages_and_as_json(register_path, private_home, capsys):
    assert main(["about", "--db", str(register_path)]) == 0
    french = capsys.readouterr().out
    assert french.startswith(f"cedre-desk {__version__}\n")
    assert "Construit le" in french and "développement" in french
    assert f"Journaux              {private_home / 'logs'}" in french
    assert main(["about", "--lang", "en", "--db", str(register_path)]) == 0
    assert "Backups" in capsys.readouterr().out
    assert main(["about", "--format", "json", "--db", str(register_path)]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["built"] is None
    assert Path(facts["logs"]) == private_home / "logs"
    assert Path(facts["register"]) == register_path


def test_the_about_command_names_the_default_register_without_creating_it(private_home,
                                                                         capsys):
    assert main(["about", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert Path(facts["register"]) == private_home / "registre.cedre.sqlite"
    assert not Path(facts["register"]).exists()
