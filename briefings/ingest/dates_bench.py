"""A quick measurement of the date resolver (not a test): ``find_dates`` on N synthetic news texts
of about 600 words, each with a dozen date mentions of every shape and distinct dates (so that the
parse cache does not make it look faster than real text would).

    python -m briefings.ingest.dates_bench [N] [WORDS]

The benchmark of the performance issue (``briefings bench``) may call :func:`measure`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time

FILLER_TEXT = (
    "the minister said that cooperation between Kosovo and the United States in the field of "
    "defence and security has deepened and that the Kosovo Security Force will continue to train "
    "with NATO allies according to the highest standards while the government prepares a new "
    "strategy for the security sector with a budget of 2 million euros for 4,000 members and 200 "
    "vehicles and the Assembly must still approve it after a debate with the opposition parties "
    "who asked for more transparency in procurement and in the way the contracts are awarded"
)
FILLER = FILLER_TEXT.split()


def _date_phrase(rng: random.Random) -> str:
    day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9500))
    month = day.strftime("%B")
    return rng.choice([
        f"on {day.day} {month} {day.year}",
        f"on {month} {day.day}, {day.year}",
        f"on the {day.day}th of {month} {day.year}",
        f"on {day:%d.%m.%Y}",
        f"in {month} {day.year}",
        f"on {month} {day.day}",
        f"in {month}",
        f"in {day.year}",
        "yesterday",
        "on Monday",
        "two weeks ago",
        "earlier this year",
        "next year",
        "last week",
    ])


def make_texts(n: int, words: int, seed: int = 2016) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        out: list[str] = []
        while len(out) < words:
            sentence = rng.sample(FILLER, rng.randrange(8, 20))
            if rng.random() < 0.6:
                sentence.insert(rng.randrange(len(sentence)), _date_phrase(rng))
            verb = rng.choice(["met", "will meet", "signed", "is set to sign", "said"])
            sentence.insert(1, verb)
            out += [*" ".join(sentence).capitalize().split(), "."]
        published = (dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(5000))).isoformat()
        published = [published, published[:7], None][i % 3]
        texts.append((" ".join(out[:words]).replace(" .", ".") + ".", published))
    return texts


def measure(n: int = 1000, words: int = 600) -> dict[str, float]:
    from briefings.ingest.dates import find_dates, find_publication_date

    texts = make_texts(n, words)
    find_dates("Warm-up on 8 December 2016.", None)  # imports and dateparser's language data
    mentions = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text, published in texts:
        find_publication_date(text)
        mentions += len(find_dates(text, published))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"texts": n, "words": words, "mentions": mentions, "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2), "ms_per_text": round(1000 * seconds / n, 2)}


ADVERSARIAL = {
    "200,000 line breaks, then a date": "\n" * 200_000 + "December 8, 2016",
    "100,000 spaces inside a date": "in" + " " * 100_000 + "September 2016",
    "50,000 'May'": "May " * 50_000,
    "20,000 dates in a row": "on the 1st of of of May " * 20_000,
    "50,000 'Updated' lines": "Updated\n" * 50_000,
}


def adversarial() -> dict[str, float]:
    """CPU seconds of find_dates on shapes that make careless regular expressions quadratic."""
    from briefings.ingest.dates import find_dates, find_publication_date

    out = {}
    for name, text in ADVERSARIAL.items():
        c0 = time.process_time()
        find_publication_date(text)
        find_dates(text, "2020-05")
        out[name] = round(time.process_time() - c0, 2)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 1000
    words = int(args[1]) if len(args) > 1 else 600
    print(measure(n, words))
    print(adversarial())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
