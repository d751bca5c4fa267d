"""A tiny end-to-end run of `briefings bench`: real builds, real numbers in the table."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest


@pytest.mark.slow
def _half_unit(shown: str) -> float:
    """Half the last printed digit of the first number in ``shown`` ("1.23 s" -> 0.005)."""
    decimals = re.match(r"\d+(?:\.(\d+))?", shown).group(1) or ""
    return 0.5 * 10 ** -len(decimals)


def consistent(ratio: float, top: float, bottom: float, top_shown: str,
               bottom_shown: str) -> bool:
    """The printed ratio is top ÷ bottom of the printed times, within their rounding."""
    dt, db, dr = _half_unit(top_shown), _half_unit(bottom_shown), 0.005
    return (top - dt) / (bottom + db) - dr <= ratio <= (top + dt) / (bottom - db) + dr


def test_tiny_build_and_rebuild_run_writes_a_table_with_real_numbers(root, tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    proc = subprocess.run(
        [sys.executable, "-m", "briefings.cli", "bench", "--sizes", "20", "--repeat", "1",
         "--only", "build,rebuild", "--out", str(out),
         "--workdir", str(tmp_path / "work")],
        cwd=root, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ")
            for line in text.splitlines() if line.startswith("| ") and " | 20 | " in line}
    site = next(v for k, v in rows.items() if k.startswith("Site build: project"))
    plain = next(v for k, v in rows.items() if k.startswith("Plain Pelican"))
    ratio = rows["Site build ÷ plain Pelican"]
    t_site = float(re.match(r"([\d.]+) s", site[3]).group(1))
    t_plain = float(re.match(r"([\d.]+) s", plain[3]).group(1))
    measured_ratio = float(re.match(r"([\d.]+) ×", ratio[3]).group(1))
    assert t_site > 0 and t_plain > 0
    assert consistent(measured_ratio, t_site, t_plain, site[3], plain[3])
    assert ratio[4] in ("✅ met", "❌ missed")
    assert re.search(r"\d+ MiB", site[5])  # peak memory of the step
    assert re.search(r"CPU [\d.]+ s", site[6]) and "CPU time ratio" in ratio[6]
    warm = next(v for k, v in rows.items() if k.startswith("Site build, second run"))
    t_warm, warm_ratio = map(float, re.match(r"([\d.]+) s = ([\d.]+) × plain", warm[3]).groups())
    assert consistent(warm_ratio, t_warm, t_plain, warm[3], plain[3]) and "CPU" in warm[6]
    assert warm[4] in ("✅ met", "❌ missed") and warm[2] == "≤ 1.5 × plain Pelican"
    assert ratio[2] == "≤ 2.5 × plain Pelican (cold)"
    every = next(v for k, v in rows.items() if k.startswith("Site build in every language"))
    growth, share = map(float, re.search(r"= ([\d.]+) × for ([\d.]+) × the pages",
                                         every[3]).groups())
    assert share > 2.5 and growth > 1 and every[4] in ("✅ met", "❌ missed")
    memory = rows["Site build, cold (peak memory)"]
    assert memory[2] == "≤ 1.5 GiB" and re.match(r"[\d,]+ MiB", memory[3])
    assert list((tmp_path / "work" / "cache-20").glob("citations-*.json"))  # what it found
    rebuild = next(v for k, v in rows.items() if k.startswith("Rebuild after one entry"))
    assert re.match(r"[\d.]+ s = \d+% of the full build", rebuild[3])
    assert rebuild[4] in ("✅ met", "❌ missed") and "CPU" in rebuild[6]
    # the 20 entries were really built
    assert len(list((tmp_path / "work" / "site-20" / "briefings").glob("*/index.html"))) == 20
    for part in ("Machine", "Versions", "CPU:", "Pelican:", "Chromium:", "Command: `briefings"):
        assert part in text
    assert "<!-- notes:start" in text and "<!-- notes:end -->" in text
