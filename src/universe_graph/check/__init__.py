"""Continuity checks for writers: rules over the stored claims, each finding with its evidence."""

from .base import Cited, Fact, Finding, Rule, Severity, Side, register, registered
from .facts import Universe
from .run import CheckReport, find_work, run_check, within_canon

__all__ = [
    "CheckReport",
    "Cited",
    "Fact",
    "Finding",
    "Rule",
    "Severity",
    "Side",
    "Universe",
    "find_work",
    "register",
    "registered",
    "run_check",
    "within_canon",
]
