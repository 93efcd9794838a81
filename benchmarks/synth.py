"""A synthetic corpus for benchmarks only: N plausible Ofsted letters and reports as text files.

Never used as extraction test data (the words are made up here, in the shape of the
genre, so extraction scores on them would say nothing). Councils come from the project's
gazetteer; inspectors and directors from made-up name parts; dates, grades, visit kinds
and findings vary with a seeded random generator, so the same N and seed give the same files.

Run: .venv/bin/python benchmarks/synth.py DIR [--count 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

COUNCILS_CSV = Path(__file__).resolve().parent.parent / "graph" / "lexicon" / "councils.csv"
FIRST = (
    "Alison Amanda Andrew Anne Brenda Carol Catherine Claire David Deborah Elaine Emma Fiona Gary Helen Ian "
    "James Jane Joanne John Julie Karen Kate Kathryn Laura Linda Lisa Louise Mark Martin Michelle Neil Nicola "
    "Paul Peter Rachel Richard Robert Ruth Sarah Simon Stephen Susan Tracey Vicky Wendy"
).split()
LAST = (
    "Adams Ahmed Allen Bailey Baker Barnes Bell Bennett Brooks Carter Clarke Collins Cooper Davies Edwards "
    "Evans Fisher Foster Gray Green Hall Harris Hughes Hussain Jackson James Kaur Kelly Khan Lewis Marshall "
    "Mason Mills Morgan Murphy Owen Parker Patel Powell Price Reed Roberts Robinson Shaw Singh Walker Ward "
    "Watson Wood Wright Young"
).split()
GRADES = ("outstanding", "good", "requires improvement to be good", "inadequate")
FOCUS = (
    "the local authority's arrangements for children in need and children subject to a child protection plan",
    "the local authority's arrangements for children in care",
    "the local authority's arrangements for care leavers",
    "the front door, including decisions about referrals and contacts",
    "the experiences of disabled children and their families",
    "the local authority's arrangements for children at risk of exploitation",
)
FINDINGS = (
    "Strategy discussions are convened swiftly to respond to immediate and escalating risk.",
    "Social workers visit children regularly and know them well.",
    "Assessments are detailed and consider the wider family and children's lived experiences.",
    "Management oversight of children's plans is not consistently effective.",
    "Supervision of social workers is regular but does not always challenge drift in children's plans.",
    "Care leavers are supported by personal advisers who stay in touch with them.",
    "Pathway plans for care leavers are not always updated when circumstances change.",
    "Children in care live in stable homes and are helped to keep in touch with their brothers and sisters.",
    "Return home interviews for children who go missing are not always completed in a timely way.",
    "Partnership work with the police and health services is a strength.",
    "Private fostering arrangements are assessed promptly.",
    "The quality of audits is variable and does not always focus on the impact for children.",
    "Caseloads are manageable and social workers say they are well supported.",
    "Leaders have a clear understanding of the quality of practice.",
    "Children's voices are not always heard in their plans.",
    "Permanence planning for children in care is timely.",
)
IMPROVE = (
    "The quality and consistency of management oversight of children's plans.",
    "The timeliness of return home interviews for children who go missing.",
    "The quality of pathway plans for care leavers.",
    "The quality of supervision provided for social workers.",
    "The recording of children's views in their plans.",
    "The response to children aged 16 and 17 who present as homeless.",
)
REPORT_JUDGEMENTS = (
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
)


def councils() -> list[str]:
    with COUNCILS_CSV.open(encoding="utf-8") as fh:
        return sorted(row["name"] for row in csv.DictReader(fh))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def letter(rng: random.Random, council: str, start: dt.date) -> str:
    end = start + dt.timedelta(days=1)
    published = end + dt.timedelta(days=rng.randint(20, 40))
    director = _person(rng)
    inspectors = [_person(rng) for _ in range(rng.randint(2, 3))]
    findings = rng.sample(FINDINGS, rng.randint(5, 9))
    improve = rng.sample(IMPROVE, rng.randint(1, 3))
    title = rng.choice(("Mr", "Ms", "Mrs", "Dr"))
    paragraphs = [
        "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD",
        _date(published),
        f"{director}\nDirector of Children's Services\n{council} Council",
        f"Dear {title} {director.split()[-1]}",
        f"Focused visit to {council} children's services",
        f"This letter summarises the findings of the focused visit to {council} children's services on "
        f"{_date(start)} to {_date(end)}. His Majesty's Inspectors for this visit were "
        f"{', '.join(inspectors[:-1])} and {inspectors[-1]}.",
        f"Inspectors looked at {rng.choice(FOCUS)}.",
        "This visit was carried out in line with the inspection of local authority children's services "
        "(ILACS) framework.",
        "Headline findings",
        " ".join(findings[:3]),
        "What needs to improve in this area of social work practice?",
        "\n".join(f"- {item}" for item in improve),
        "Main findings",
        " ".join(findings[3:]),
        "Ofsted will take the findings from this focused visit into account at the next inspection.",
        f"Yours sincerely\n\n{inspectors[0]}\nHis Majesty's Inspector",
    ]
    return "\n\n".join(paragraphs) + "\n"


def report(rng: random.Random, council: str, start: dt.date) -> str:
    end = start + dt.timedelta(days=11)
    grades = [rng.choice(GRADES) for _ in REPORT_JUDGEMENTS]
    overall = max(grades, key=GRADES.index) if rng.random() < 0.5 else rng.choice(grades)
    lead = _person(rng)
    findings = rng.sample(FINDINGS, rng.randint(8, 14))
    improve = rng.sample(IMPROVE, rng.randint(2, 4))
    rows = "\n".join(f"{j}\n{g.capitalize()}" for j, g in zip(REPORT_JUDGEMENTS, grades, strict=True))
    paragraphs = [
        f"{council}\nInspection of children's social care services",
        f"Inspection dates: {_date(start)} to {_date(end)}",
        f"Lead inspector: {lead}, His Majesty's Inspector",
        f"Judgement\nGrade\n{rows}\nOverall effectiveness\n{overall.capitalize()}",
        f"Children's services in {council} are {overall}.",
        " ".join(findings[:4]),
        "What needs to improve?",
        "\n".join(f"- {item}" for item in improve),
        "The experiences and progress of children who need help and protection",
        " ".join(findings[4:8]),
        "The experiences and progress of children in care and care leavers",
        " ".join(findings[8:]),
    ]
    return "\n\n".join(paragraphs) + "\n"


def write(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` synthetic documents into ``folder`` (same count and seed: same files)."""
    rng = random.Random(seed)
    names = councils()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    first = dt.date(2014, 1, 6)
    for n in range(count):
        council = rng.choice(names)
        kind = "focused-visit" if rng.random() < 0.7 else "inspection"
        years = 12 if kind == "inspection" else 8  # focused visits began in 2018
        start = first + dt.timedelta(days=rng.randint(365 * (12 - years), 12 * 365))
        text = letter(rng, council, start) if kind == "focused-visit" else report(rng, council, start)
        slug = "".join(c if c.isalnum() else "-" for c in council.lower())
        path = folder / f"synthetic-{n:05d}-{slug}-{kind}-{start.isoformat()}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = write(args.folder, args.count, args.seed)
    print(f"{len(files)} synthetic documents in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
