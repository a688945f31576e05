"""The check report as text for people: one block per finding, each fact with its evidence."""

from __future__ import annotations

from .base import Cited, Fact, Finding
from .run import CheckReport

QUOTE_MAX = 160


def render_text(report: CheckReport) -> str:
    """Findings worst first, then a summary line with the counts and the verdict."""
    lines: list[str] = []
    for finding in report.findings:
        lines.extend(_finding(finding))
        lines.append("")
    scope = []
    if report.canon:
        scope.append(f"canon tier {report.canon.value} or stronger")
    if report.work:
        scope.append(f"work {report.work}")
    counts = ", ".join(
        f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}" for sev, n in report.counts.items()
    )
    checked = f"{len(report.sources)} source{'s' if len(report.sources) != 1 else ''}"
    verdict = "ok" if report.ok else f"failing (--fail-on {report.fail_on})"
    lines.append(f"checked {checked}{' (' + '; '.join(scope) + ')' if scope else ''}: {counts}; {verdict}")
    return "\n".join(lines) + "\n"


def _finding(finding: Finding) -> list[str]:
    lines = [f"{finding.severity.value}: [{finding.rule}] {finding.message}"]
    if finding.sides:
        for side in finding.sides:
            sources = ", ".join(f"{s.id} ({s.tier.value})" for s in side.sources)
            mark = "  [preferred]" if side.preferred else ""
            lines.append(f"  side: {side.value} -- {sources}{mark}")
            if side.note:
                lines.append(f"    note: {side.note}")
            for fact in side.facts:
                lines.extend(_fact(fact, "    "))
    else:
        for fact in finding.facts:
            lines.extend(_fact(fact, "  "))
    return lines


def _fact(fact: Fact, indent: str) -> list[str]:
    return [f"{indent}- {fact.statement}", *(f"{indent}    {_cited(c)}" for c in fact.evidence)]


def _cited(cited: Cited) -> str:
    text = f"{cited.source} ({cited.tier.value}) {cited.where()}"
    if cited.quote is not None:
        quote = " ".join(cited.quote.split())
        text += f' "{quote[:QUOTE_MAX]}{"..." if len(quote) > QUOTE_MAX else ""}"'
    return text
