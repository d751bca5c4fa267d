"""The pull-request and publishing workflows and the pre-commit hooks do what CONTRIBUTING.md
says they do (their shape; GitHub runs them)."""

from __future__ import annotations

import re

import yaml


def load(root, name):
    return yaml.safe_load((root / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def runs(job) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def uses(job) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_pull_request_workflow_validates_builds_uploads_and_tests(root):
    wf = load(root, "pr.yml")
    assert "pull_request" in wf[True]  # YAML reads the key `on` as True
    job = wf["jobs"]["check"]
    script = runs(job)
    order = [script.index(s) for s in ("--diff-filter=d", "briefings validate --format github",
                                       "make site", "make test")]
    assert order == sorted(order)
    assert "'content/briefings/*.md' 'content/translations/*.md' content/bibliography.bib" \
        in script and "content/actors.yaml > changed.txt" in script
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith(
        "actions/upload-artifact"))
    assert upload["with"]["path"] == "output/" and upload["with"]["name"] == "site"


def test_pages_workflow_publishes_output_from_main(root):
    wf = load(root, "pages.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert "make site" in runs(wf["jobs"]["build"])
    assert "actions/upload-pages-artifact" in uses(wf["jobs"]["build"])
    assert "actions/deploy-pages" in uses(wf["jobs"]["deploy"])
    assert wf["permissions"]["pages"] == "write"


def test_pre_commit_runs_the_validator_on_content_and_ruff(root):
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"briefings-validate", "ruff"}
    for hook in hooks.values():
        assert (root / hook["entry"].split()[0]).exists(), hook["entry"]
    files = re.compile(hooks["briefings-validate"]["files"])
    assert files.search("content/briefings/2025/2025-03-18-x.md")
    assert files.search("content/translations/sq/2025-03-18-x.md")
    assert files.search("content/bibliography.bib") and files.search("content/actors.yaml")
    assert not files.search("content/pages/about.md")
