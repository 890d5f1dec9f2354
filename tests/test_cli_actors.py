"""`annales actors lookup/list` and the actor options of `annales events`: codes or names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.model import Actor, Document, Event
from annales.store import open_store

EVENTS = [
    ("e1", "CONSULT", ["RUS"], ["TUR"], "La Russie a reçu la Turquie."),
    ("e2", "REQUEST", ["ORG:ECOWAS"], ["NER"], "La Cédéao demande au Niger de libérer M. Bazoum."),
    ("e3", "ACCUSE", ["NER"], ["FRA"], "Niamey accuse Paris."),
    ("e4", "SANCTION", ["ORG:ECOWAS"], ["NER"], "La Cédéao sanctionne le Niger."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("names") / "store.duckdb"
    with open_store(path) as opened:
        for key, kind, actors, recipients, quote in EVENTS:
            event = Event(
                doc_id=f"d-{key}",
                type=kind,
                actors=[Actor(code) for code in actors],
                recipients=[Actor(code) for code in recipients],
                id=key,
                date="2023-08-10",
                quote=quote,
            )
            opened.save(Document(id=f"d-{key}", text=quote), [event])
    return path


def _events(store: Path, *options: str) -> list[str]:
    result = CliRunner().invoke(cli, ["events", "--db", str(store), "--format", "jsonl", *options])
    assert result.exit_code == 0, result.output
    return sorted(json.loads(line)["event"] for line in result.output.splitlines())


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--actor", "ECOWAS"], ["REQUEST", "SANCTION"]),
        (["--actor", "CEDEAO"], ["REQUEST", "SANCTION"]),
        (["--actor", "org:ecowas"], ["REQUEST", "SANCTION"]),
        (["--actor", "Russie"], ["CONSULT"]),
        (["--actor", "Russia"], ["CONSULT"]),
        (["--recipient", "Niger"], ["REQUEST", "SANCTION"]),
        (["--involving", "Niamey"], ["ACCUSE", "REQUEST", "SANCTION"]),
    ],
)
def test_cli_events_take_actor_names(store: Path, options: list[str], expected: list[str]) -> None:
    assert _events(store, *options) == expected


def test_cli_events_unknown_actor_name_is_one_line_with_close_matches(store: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(store), "--actor", "Rusie"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "actor: unknown actor 'Rusie'" in result.stderr and "Russie (RUS)" in result.stderr


def test_cli_actors_list_takes_a_name() -> None:
    runner = CliRunner()
    by_name = runner.invoke(cli, ["actors", "list", "--country", "Russie"])
    by_code = runner.invoke(cli, ["actors", "list", "--country", "RUS"])
    assert by_name.exit_code == 0 and by_name.output == by_code.output
    assert "Vladimir Putin" in by_name.output
    ecowas = runner.invoke(cli, ["actors", "list", "--country", "CEDEAO"])
    assert ecowas.output.startswith("organisation\tORG:ECOWAS\t")
    unknown = runner.invoke(cli, ["actors", "list", "--country", "Allemagen"])
    assert unknown.exit_code == 2 and "Allemagne (DEU)" in unknown.stderr


def test_cli_actors_lookup_several_names_one_answer_each(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text(
        "# names to check\nPoutine\n\nCEDEAO\nune belle journée\nles E3\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        cli, ["actors", "lookup", "Kremlin", "--file", str(names), "--date", "2019-06-01"]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [row[0] for row in rows] == [
        "Kremlin", "Poutine", "CEDEAO", "une belle journée", "les E3", "les E3", "les E3",
    ]  # fmt: skip
    assert rows[1][1].startswith('RUS GOV "Poutine" = Vladimir Putin')
    assert rows[3][1] == "no actor found"


def test_cli_actors_lookup_jsonl_one_object_per_name(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Erdogan\nle président russe\nNulle part\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["actors", "lookup", "--file", str(names), "--format", "jsonl", "--date", "2016-01-01"]
    )
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [a["query"] for a in answers] == ["Erdogan", "le président russe", "Nulle part"]
    assert [[x["code"] for x in a["actors"]] for a in answers] == [["TUR"], ["RUS"], []]
    assert answers[0]["actors"][0]["rule"] == "kb:person-surname"
    assert answers[1]["actors"][0]["explanation"].startswith('RUS GOV "président russe"')
    assert answers[0]["date"] == "2016-01-01"


def test_cli_actors_lookup_one_name_prints_as_before() -> None:
    result = CliRunner().invoke(
        cli, ["actors", "lookup", "Vladimir Poutine", "--date", "2019-06-01"]
    )
    assert result.exit_code == 0
    assert result.output.startswith('RUS GOV "Vladimir Poutine" = Vladimir Putin (Q7747) -- ')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["actors", "lookup"], "give a TEXT"),
        (["actors", "lookup", "Poutine", "--date", "hier"], "not a date"),
        (["actors", "lookup", "--file", "/nonexistent/names.txt"], "cannot read"),
    ],
)
def test_cli_actors_lookup_refusals(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and message in result.output + result.stderr


def test_cli_actors_lookup_of_names_never_loads_the_parser(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Poutine\nRussie\nCEDEAO\nle Kremlin\nDaech\n", encoding="utf-8")
    # Run the command, then say on stderr whether spaCy was imported (speed is measured in
    # bench/startup.py, not asserted here).
    script = (
        "import sys\n"
        "from annales.cli import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('spacy loaded' if 'spacy' in sys.modules else 'no parser', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "actors",
            "lookup",
            "--file",
            str(names),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 5
    assert done.stderr.strip().endswith("no parser")
