"""The closing summary of an import run, for the command line and the admin alike."""

from collections import Counter

from .store import FileResult, Outcome


def summarise(results: list[FileResult], dry_run: bool = False) -> str:
    outcomes = Counter(r.outcome for r in results)
    created: Counter = Counter()
    for result in results:
        created.update(result.created)
    verb = "would import" if dry_run else "imported"
    read = len(results) - outcomes[Outcome.SKIPPED]
    parts = [
        f"Read {read} file{'s' if read != 1 else ''}: {outcomes[Outcome.IMPORTED]} {verb}",
    ]
    if outcomes[Outcome.UPDATED]:
        parts.append(f"{outcomes[Outcome.UPDATED]} updated")
    parts.append(f"{outcomes[Outcome.UNCHANGED]} already imported")
    parts.append(f"{outcomes[Outcome.DUPLICATE]} duplicates skipped")
    parts.append(f"{outcomes[Outcome.FAILED]} failed.")
    lines = [", ".join(parts)]
    skipped = Counter(r.message for r in results if r.outcome == Outcome.SKIPPED)
    if skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        lines.append(f"Skipped {sum(skipped.values())} web archive records: {reasons}.")
    if created:
        lines.append(
            "Created: "
            + ", ".join(f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in created.items())
            + "."
        )
    return "\n".join(lines)
